using BotCapturer.CPlane;
using BotCapturer.Engine.Analysis.CPlane;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Net;
using Xunit.Abstractions;

namespace BotCapturer.IntegrationTests.CPlane;

/// <summary>
/// Issue #6: copies of three real bots over benign background; each family's copies must share a C-cluster that
/// holds no host of another family and no benign host.
/// </summary>
public sealed class ComposedCaptureTests(ITestOutputHelper output)
{
    private static readonly ComposedCapture.Bot[] Bots = ComposedCapture.RealBots;

    private static readonly ComposedCapture.Background[] Backgrounds = ComposedCapture.BenignBackgrounds;

    [SkippableTheory]
    [InlineData(ClusterMethod.XMeans, 1)]
    [InlineData(ClusterMethod.XMeans, 2)]
    [InlineData(ClusterMethod.XMeans, 3)]
    [InlineData(ClusterMethod.Dbscan, 1)]
    public async Task Each_family_shares_a_cluster_of_its_own(ClusterMethod method, int seed)
    {
        var shared = ComposedCapture.RequireSharedAndTools();

        using var capture = ComposedCapture.Build(Path.Combine(shared, "captures"), Bots, Backgrounds, copies: 3);
        var options = new CPlaneOptions { Method = method, Seed = seed };
        var sink = new CFlowSink(options);
        await new FlowPipeline(new PipelineOptions()).RunAsync([capture.Path], [sink], CancellationToken.None);
        var result = sink.Analyze(CancellationToken.None);
        await CPlaneCsvWriter.WriteAsync(capture.Folder, result, CancellationToken.None);
        foreach (var c in result.Clusters)
        {
            output.WriteLine($"{c.Id}: {string.Join(' ', c.Hosts)} ({c.CFlows.Count} C-flows: {string.Join(", ", c.CFlows.Select(v => $"{v.Key.ProtocolName}/{v.Key.DestinationPort}").Distinct())})");
        }

        var benign = capture.BenignHosts.Select(HostAddress.Parse).ToHashSet();
        foreach (var (family, addresses) in capture.Families)
        {
            var copies = addresses.Select(HostAddress.Parse).ToHashSet();
            var own = result.Clusters.Where(c => copies.IsSubsetOf(c.Hosts) && c.Hosts.All(copies.Contains)).ToList();
            Assert.True(own.Count > 0, $"{family}: no C-cluster holds all its copies and nothing else");
            Assert.DoesNotContain(own.SelectMany(c => c.Hosts), benign.Contains);
        }

        Assert.True(File.Exists(Path.Combine(capture.Folder, CPlaneCsvWriter.CFlowsFile)));
    }
}
