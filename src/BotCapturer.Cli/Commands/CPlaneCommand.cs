using System.Globalization;
using BotCapturer.Cli.Options;
using BotCapturer.CPlane;
using BotCapturer.Engine.Analysis.CPlane;

namespace BotCapturer.Cli.Commands;

/// <summary><c>botengine cplane</c>: captures in, C-flows and C-clusters out.</summary>
internal static class CPlaneCommand
{
    public static async Task<int> RunAsync(CPlaneVerb verb, CliContext context, CancellationToken cancellationToken)
    {
        var files = CaptureInputs.Expand(verb.Inputs, out var inputError);
        if (inputError is not null)
        {
            context.Fail(inputError);
            return ExitCodes.BadInput;
        }

        var options = verb.CPlane!;
        var sink = new CFlowSink(options);
        var result = await CaptureRun.RunAsync(FlowsCommand.PipelineOptionsFrom(verb), files, [sink], "cplane", verb.Quiet, context, cancellationToken);
        var cplane = sink.Analyze(cancellationToken);
        try
        {
            await CPlaneCsvWriter.WriteAsync(verb.Out, cplane, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{verb.Out}: cannot write: {e.Message}");
        }

        WriteSummary(context.Out, cplane);
        if (!verb.Quiet)
        {
            context.Note(RunReport.Summary(result));
            context.Note(FilterSummary(sink.Aggregator, cplane));
        }

        return result.Failed.Any() ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    internal static string FilterSummary(CFlowAggregator aggregator, CPlaneResult result)
    {
        var dropped = Enum.GetValues<FlowVerdict>()
            .Where(v => v != FlowVerdict.Kept && aggregator.Count(v) > 0)
            .Select(v => $"{v} {aggregator.Count(v)}");
        return string.Create(CultureInfo.InvariantCulture,
            $"C-plane: {aggregator.FlowCount} flows kept (dropped: {string.Join(", ", dropped.DefaultIfEmpty("none"))}), {result.Vectors.Vectors.Count} C-flows, fph window {result.Vectors.FphWindow.TotalSeconds:0.###} s, {result.Clusters.Count} clusters");
    }

    /// <summary>One line per cluster: size, centroid summary (mean fph, ppf, bpp, bps) and hosts.</summary>
    internal static void WriteSummary(TextWriter writer, CPlaneResult result)
    {
        writer.WriteLine("cluster\thosts\tcflows\tfph\tppf\tbpp\tbps\tmembers");
        foreach (var c in result.Clusters)
        {
            var m = c.MeanFeatures;
            var hosts = string.Join(' ', c.Hosts.Take(10)) + (c.Hosts.Count > 10 ? $" (+{c.Hosts.Count - 10})" : string.Empty);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Id}\t{c.Hosts.Count}\t{c.CFlows.Count}\t{m[0]:0.##}\t{m[1]:0.#}\t{m[2]:0.#}\t{m[3]:0}\t{hosts}"));
        }
    }
}
