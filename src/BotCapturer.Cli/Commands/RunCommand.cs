using System.Diagnostics;
using System.Globalization;
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
        if (verb.Group is { } group)
        {
            return await StorageCommands.GuardAsync(context, () => StoredRunCommand.RunAsync(verb, group, context, cancellationToken), cancellationToken);
        }

        var files = CaptureInputs.Expand(verb.Inputs, out var inputError);
        if (inputError is not null)
        {
            context.Fail(inputError);
            return ExitCodes.BadInput;
        }

        var signatures = await LoadSignaturesAsync(verb, cancellationToken);
        var labels = verb.Labels is null ? null : EvalCommand.ReadLabels(verb.Labels);
        var folder = CreateOutputFolder(verb.Out, DateTime.UtcNow);
        var pipelineOptions = FlowsCommand.PipelineOptionsFrom(verb);
        pipelineOptions = pipelineOptions with
        {
            Flows = pipelineOptions.Flows with { PayloadBytes = Math.Max(verb.PayloadBytes, RunPayloadBytes) },
            CollectAfterStream = true,
        };
        var analysis = CreateAnalysis(verb, signatures);
        PipelineResult flows;
        await using (var flowsCsv = OpenFlowsCsv(folder))
        {
            flows = await CaptureRun.RunAsync(pipelineOptions, files, [new FlowCsvWriter(flowsCsv), .. analysis.Sinks], "run", verb.Quiet, context, cancellationToken);
        }
        var counts = new List<KeyValuePair<string, long>> { new("files", flows.Files.Count), new("packets", flows.Counters.Packets) };
        await FinishAsync(verb, context, analysis, files, counts, new("read_flows", flows.Elapsed), folder, labels, null, cancellationToken);
        if (!verb.Quiet)
        {
            context.Note(RunReport.Summary(flows));
        }

        return flows.Failed.Any() ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>Analyses what the sinks collected, writes every table and the summary, and evaluates against labels.</summary>
    internal static async Task<AnalysisResult> FinishAsync(
        RunVerb verb,
        CliContext context,
        BotAnalysis analysis,
        IReadOnlyList<string> inputs,
        List<KeyValuePair<string, long>> counts,
        KeyValuePair<string, TimeSpan> readTime,
        string folder,
        Dictionary<string, HostLabel>? labels,
        Func<AnalysisResult, Task>? save,
        CancellationToken cancellationToken)
    {
        // The planes' files are written while the vote runs; "write" is the time spent writing after the vote.
        var planes = analysis.AnalyzePlanes(cancellationToken);
        var writePlanes = AnalysisOutput.WritePlanesAsync(folder, planes, cancellationToken);
        AnalysisResult result;
        try
        {
            result = analysis.Vote(planes, cancellationToken);
        }
        finally
        {
            await writePlanes.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // never leave it writing; its own error surfaces below
        }

        var clock = Stopwatch.StartNew();
        await writePlanes;
        await AnalysisOutput.WriteVoteAsync(folder, result);
        var timings = new List<KeyValuePair<string, TimeSpan>> { readTime };
        timings.AddRange(result.Timings);
        timings.Add(new("write", clock.Elapsed));
        if (save is not null)
        {
            clock.Restart();
            await save(result);
            timings.Add(new("save", clock.Elapsed));
        }

        counts.AddRange(RunSummary.Counts(analysis, result));
        await RunSummary.WriteJsonAsync(Path.Combine(folder, "summary.json"), verb, inputs, counts, timings, cancellationToken);
        RunSummary.Print(context.Out, result, counts, timings, folder);
        if (labels is not null)
        {
            context.Out.WriteLine();
            context.Out.WriteLine("eval against " + verb.Labels);
            var (hosts, suspicious, groups) = RunResultReader.Read(folder);
            EvalCommand.Print(context.Out, Evaluator.Evaluate(labels, hosts, suspicious, groups));
        }

        return result;
    }

    internal static async Task<SignatureSet> LoadSignaturesAsync(RunVerb verb, CancellationToken cancellationToken)
    {
        try
        {
            return await SignatureFiles.LoadWithBuiltInAsync(verb.SignatureFiles, cancellationToken);
        }
        catch (FormatException e)
        {
            throw new InputException(e.Message);
        }
    }

    internal static Stream OpenFlowsCsv(string folder) =>
        OutputFile.CreateLarge(Path.Combine(folder, "flows.csv"), bufferSize: 0);

    internal static BotAnalysis CreateAnalysis(RunVerb verb, SignatureSet signatures) => new(
        verb.CPlane!,
        verb.ToAPlaneOptions(signatures),
        GraphScoringOptions.Default with { AnomalyZ = verb.AnomalyZ },
        verb.VoteOptions,
        beacon: verb.BeaconOptions);

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
