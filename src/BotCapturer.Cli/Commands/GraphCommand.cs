using System.Diagnostics;
using System.Globalization;
using System.Text;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Analysis.Graph;
using BotCapturer.Graph;

namespace BotCapturer.Cli.Commands;

/// <summary><c>botengine graph</c>: an edge list in, per-host graph scores out.</summary>
internal static class GraphCommand
{
    public static async Task<int> RunAsync(GraphVerb verb, CliContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        HostGraphBuilder builder;
        Dictionary<string, (string Role, string Family)>? labels = null;
        try
        {
            builder = await EdgeListReader.ReadAsync(verb.Edges, null, cancellationToken);
            if (verb.Labels is not null)
            {
                labels = await LabelReader.ReadAsync(verb.Labels, cancellationToken);
            }
        }
        catch (EdgeListException e)
        {
            context.Fail(e.Message);
            return ExitCodes.BadInput;
        }

        var graph = builder.Build();
        var readTime = clock.Elapsed;
        var options = GraphScoringOptions.Default with { LofK = verb.LofK, AnomalyZ = verb.AnomalyZ };
        var scores = GraphScorer.Score(graph, options);
        var scoreTime = clock.Elapsed - readTime;

        await using (var output = verb.Out is null ? context.OpenStandardOutput() : FlowsCommand.OpenOutput(verb.Out))
        await using (var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            await GraphScoresCsv.WriteAsync(scores, writer, verb.Top, cancellationToken);
        }

        if (!verb.Quiet)
        {
            context.Note(string.Create(
                CultureInfo.InvariantCulture,
                $"graph: {graph.NodeCount} hosts, {graph.EdgeCount} edges; read {readTime.TotalSeconds:F2} s, scored {scoreTime.TotalSeconds:F2} s; {scores.Anomalous.Count} anomalous, {scores.Voted.Count()} with a graph vote"));
        }

        if (labels is not null)
        {
            var evaluation = RankEvaluation.Evaluate(scores, labels.ToDictionary(p => p.Key, p => p.Value.Role, StringComparer.Ordinal));
            context.Note(Describe(evaluation, scores.Count));
        }

        return ExitCodes.Ok;
    }

    internal static string Describe(RankEvaluation evaluation, int hosts)
    {
        var ranks = string.Join(", ", evaluation.CommandAndControlRanks.Select(c => FormattableString.Invariant($"{c.Host}={c.Rank}")));
        var absent = evaluation.LabelledAbsent > 0
            ? FormattableString.Invariant($" ({evaluation.AucWithAbsent:F3} counting the {evaluation.LabelledAbsent} absent ones as last)")
            : string.Empty;
        return FormattableString.Invariant(
            $"labels: C&C ranks {ranks} of {hosts}; ROC AUC {evaluation.Auc:F3} over {evaluation.LabelledInGraph} labelled hosts in the graph{absent}");
    }
}
