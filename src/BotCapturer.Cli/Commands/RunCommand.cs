using System.Diagnostics;
using System.Globalization;
using System.Text;
using BotCapturer.APlane;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Engine.Analysis.Vote;
using BotCapturer.Engine.Output;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Evaluation;
using BotCapturer.Graph;

namespace BotCapturer.Cli.Commands;

/// <summary><c>botengine run</c>: DESIGN.md's whole Dataflow graph in memory, then the vote.</summary>
internal static class RunCommand
{
    /// <summary>The A-plane reads the start of HTTP bodies (binary downloads): payload prefixes of 1 KiB.</summary>
    internal const int RunPayloadBytes = APlaneOptions.RecommendedPayloadBytes;

    public static async Task<int> RunAsync(RunVerb verb, CliContext context, CancellationToken cancellationToken)
    {
        var files = CaptureInputs.Expand(verb.Inputs, out var inputError);
        if (inputError is not null)
        {
            context.Fail(inputError);
            return ExitCodes.BadInput;
        }

        SignatureSet signatures;
        try
        {
            signatures = await SignatureFiles.LoadWithBuiltInAsync(verb.SignatureFiles, cancellationToken);
        }
        catch (FormatException e)
        {
            context.Fail(e.Message);
            return ExitCodes.BadInput;
        }

        var labels = verb.Labels is null ? null : EvalCommand.ReadLabels(verb.Labels);
        var folder = CreateOutputFolder(verb.Out, DateTime.UtcNow);
        var pipelineOptions = FlowsCommand.PipelineOptionsFrom(verb);
        pipelineOptions = pipelineOptions with { Flows = pipelineOptions.Flows with { PayloadBytes = Math.Max(verb.PayloadBytes, RunPayloadBytes) } };
        var analysis = CreateAnalysis(verb, signatures);
        var pipeline = new FlowPipeline(pipelineOptions);
        PipelineResult flows;
        await using (var flowsCsv = new StreamWriter(Path.Combine(folder, "flows.csv"), false, new UTF8Encoding(false), 1 << 16))
        {
            await using (new ProgressReporter(pipeline.Progress, context, "run", !verb.Quiet))
            {
                flows = await pipeline.RunAsync(files, [new FlowCsvWriter(flowsCsv), .. analysis.Sinks], cancellationToken);
            }
        }

        RunReport.WriteErrors(context, flows);
        var result = analysis.Analyze(cancellationToken);
        var clock = Stopwatch.StartNew();
        await AnalysisOutput.WriteAsync(folder, result, cancellationToken);
        var timings = new List<KeyValuePair<string, TimeSpan>> { new("read_flows", flows.Elapsed) };
        timings.AddRange(result.Timings);
        timings.Add(new("write", clock.Elapsed));
        var counts = RunSummary.Counts(flows, analysis, result);
        await RunSummary.WriteJsonAsync(Path.Combine(folder, "summary.json"), verb, files, counts, timings, cancellationToken);
        RunSummary.Print(context.Out, result, counts, timings, folder);
        if (!verb.Quiet)
        {
            context.Note(RunReport.Summary(flows));
        }

        if (labels is not null)
        {
            context.Out.WriteLine();
            context.Out.WriteLine("eval against " + verb.Labels);
            var (hosts, suspicious, groups) = RunResultReader.Read(folder);
            EvalCommand.Print(context.Out, Evaluator.Evaluate(labels, hosts, suspicious, groups));
        }

        return flows.Failed.Any() ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    internal static BotAnalysis CreateAnalysis(RunVerb verb, SignatureSet signatures) => new(
        verb.CPlane!,
        verb.ToAPlaneOptions(signatures),
        GraphScoringOptions.Default with { AnomalyZ = verb.AnomalyZ },
        verb.VoteOptions);

    internal static string CreateOutputFolder(string? requested, DateTime now)
    {
        var folder = requested ?? Path.Combine("botengine-out", now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(folder);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{folder}: cannot create: {e.Message}");
        }
    }
}
