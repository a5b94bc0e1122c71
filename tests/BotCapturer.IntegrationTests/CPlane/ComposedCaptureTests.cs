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
    private static readonly ComposedCapture.Bot[] Bots =
    [
        new("asyncrat", "corelight-rat/asyncrat_cd010953.pcap", "192.168.100.124", "10.1.0"),
        new("hideandseek", "slips/test7-malicious.pcap", "192.168.2.16", "10.2.0"),
        new("cryptowall4", "chrissanders-packets/cryptowall4_c2.pcapng", "192.168.122.145", "10.3.0"),
    ];

    private static readonly ComposedCapture.Background[] Backgrounds =
    [
        new("chrissanders-packets/http_espn.pcapng", "172.16.0.122"),
        new("chrissanders-packets/ppa1e_gnutella.pcap", "10.1.4.176"),
        new("chrissanders-packets/ppa1e_torrential-slowness.pcap", "192.168.0.193"),
        new("ndpi-tests/bittorrent.pcap", "192.168.1.3"),
        new("ndpi-tests/irc.pcap", "10.180.156.249"),
        new("debian-python3-dpkt/http.pcap", "145.254.160.237"),
        new("slips/test-cc-capture-1.pcap", "10.9.0.1", From: "147.32.80.37"),
        new("slips/test-cc-capture-2.pcap", "10.9.0.2", From: "147.32.80.37"),
    ];

    [SkippableTheory]
    [InlineData(ClusterMethod.XMeans, 1)]
    [InlineData(ClusterMethod.XMeans, 2)]
    [InlineData(ClusterMethod.XMeans, 3)]
    [InlineData(ClusterMethod.Dbscan, 1)]
    public async Task Each_family_shares_a_cluster_of_its_own(ClusterMethod method, int seed)
    {
        var shared = SharedData.RequireShared();
        foreach (var tool in new[] { "tshark", "tcprewrite", "editcap", "mergecap", "capinfos" })
        {
            SharedData.RequireTool(tool);
        }

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
