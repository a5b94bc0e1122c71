using BotCapturer.CPlane;
using BotCapturer.Engine.Analysis.CPlane;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Net;
using Xunit.Abstractions;

namespace BotCapturer.IntegrationTests.CPlane;

/// <summary>
/// Issue #6 on the project's generated sample (data/sample.pcap, two botnets with 60 s and 300 s beacons): each
/// botnet's bots share a C-cluster that holds no other host.
/// </summary>
public sealed class SampleCaptureTests(ITestOutputHelper output)
{
    private static string Sample => Path.Combine(SharedData.RepoRoot, "data", "sample.pcap");

    private static string Labels => Path.Combine(SharedData.RepoRoot, "data", "sample-labels.csv");

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Each_botnet_shares_a_cluster_of_its_own(int seed)
    {
        Skip.IfNot(File.Exists(Sample) && File.Exists(Labels), "data/sample.pcap or data/sample-labels.csv is absent (made by botengine generate)");
        var bots = File.ReadLines(Labels).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f.Length >= 3 && f[1] == "bot")
            .GroupBy(f => f[2], f => HostAddress.Parse(f[0]))
            .ToDictionary(g => g.Key, g => g.ToHashSet());
        Assert.Equal(2, bots.Count);

        var sink = new CFlowSink(new CPlaneOptions { Seed = seed });
        await new FlowPipeline(new PipelineOptions()).RunAsync([Sample], [sink], CancellationToken.None);
        var result = sink.Analyze(CancellationToken.None);
        output.WriteLine($"{result.Vectors.Vectors.Count} C-flows, {result.Clusters.Count} clusters, fph window {result.Vectors.FphWindow}");
        foreach (var (family, members) in bots)
        {
            var own = result.Clusters.Where(c => members.IsSubsetOf(c.Hosts) && c.Hosts.All(members.Contains)).ToList();
            output.WriteLine($"{family}: pure clusters {string.Join(' ', own.Select(c => $"{c.Id} ({c.CFlows.Count} C-flows to port {string.Join('/', c.CFlows.Select(v => v.Key.DestinationPort).Distinct())})"))}");
            Assert.NotEmpty(own);
        }
    }
}
