using BotCapturer.Engine.Pipeline;

namespace BotCapturer.Cli.Commands;

/// <summary>What every capture-reading command does: run the flow pipeline into its sinks with progress on stderr, then one error line per bad file.</summary>
internal static class CaptureRun
{
    public static async Task<PipelineResult> RunAsync(
        PipelineOptions options, IReadOnlyList<string> files, IReadOnlyList<IFlowSink> sinks, string label, bool quiet, CliContext context, CancellationToken cancellationToken)
    {
        var pipeline = new FlowPipeline(options);
        PipelineResult result;
        await using (new ProgressReporter(pipeline.Progress, context, label, !quiet))
        {
            result = await pipeline.RunAsync(files, sinks, cancellationToken);
        }

        RunReport.WriteErrors(context, result);
        return result;
    }
}
