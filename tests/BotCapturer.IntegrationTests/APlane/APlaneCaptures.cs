using BotCapturer.APlane;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.IntegrationTests.APlane;

/// <summary>Runs the A-plane with its defaults (built-in signatures, 1 KiB payload prefixes) over one real capture.</summary>
internal static class APlaneCaptures
{
    public static async Task<APlaneResult> AnalyseAsync(string relativePath)
    {
        SharedData.RequireShared();
        var path = Path.Combine(SharedData.Captures, relativePath);
        Skip.IfNot(File.Exists(path), $"{relativePath} is not in ../shared/captures");
        var sink = new ActivitySink(APlaneOptions.Default with { Signatures = SignatureFiles.BuiltIn() });
        var pipeline = new FlowPipeline(new PipelineOptions
        {
            Threads = 1,
            Flows = FlowOptions.Default with { PayloadBytes = APlaneOptions.RecommendedPayloadBytes },
        });
        var result = await pipeline.RunAsync([path], [sink], CancellationToken.None);
        Assert.Empty(result.Failed);
        return sink.Result;
    }

    public static List<Activity> Of(this APlaneResult result, ActivityType type, string host) =>
        [.. result.Activities.Where(a => a.Type == type && a.Host == HostAddress.Parse(host))];
}
