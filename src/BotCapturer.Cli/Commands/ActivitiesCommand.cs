using System.Globalization;
using BotCapturer.APlane;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Analysis.APlane;

namespace BotCapturer.Cli.Commands;

/// <summary><c>botengine activities</c>: captures in, A-plane activities and A-clusters out.</summary>
internal static class ActivitiesCommand
{
    public static async Task<int> RunAsync(ActivitiesVerb verb, CliContext context, CancellationToken cancellationToken)
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

        var options = FlowsCommand.PipelineOptionsFrom(verb);
        options = options with { Flows = options.Flows with { PayloadBytes = verb.APlanePayloadBytes } };
        var sink = new ActivitySink(verb.ToAPlaneOptions(signatures));
        var result = await CaptureRun.RunAsync(options, files, [sink], "activities", verb.Quiet, context, cancellationToken);
        string activitiesPath;
        try
        {
            (activitiesPath, _) = await APlaneCsvWriter.WriteAsync(verb.Out, sink.Result, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Fail($"{verb.Out}: cannot write: {e.Message}");
            return ExitCodes.BadInput;
        }

        foreach (var a in sink.Result.Activities)
        {
            context.Out.WriteLine($"{APlaneCsvWriter.TypeName(a.Type),-15} {a.Host,-16} {a.Target}");
        }

        if (!verb.Quiet)
        {
            context.Note(RunReport.Summary(result));
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"{sink.Result.Activities.Count} activities in {sink.Result.Clusters.Count} A-clusters; {signatures.Signatures.Count} signatures; written to {Path.GetDirectoryName(Path.GetFullPath(activitiesPath))}"));
        }

        return result.Failed.Any() ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
