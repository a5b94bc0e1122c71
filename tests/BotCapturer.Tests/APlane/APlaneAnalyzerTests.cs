using BotCapturer.APlane;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Flows;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public class APlaneAnalyzerTests
{
    private static readonly APlaneOptions Options = APlaneOptions.Default with { Signatures = SignatureFiles.BuiltIn() };

    private static List<Flow> MixedFlows()
    {
        var flows = new List<Flow>();
        for (var i = 0; i < 40; i++)
        {
            flows.Add(FailedTcp("10.0.0.1", Spread(i), 23, T0 + i * Second));
            // 80 ports from 100: 135, 137, 139 weigh 1, the rest 0.25 (score 22.25 >= 15).
            flows.Add(RejectedTcp("10.0.0.2", "172.16.9.9", (ushort)(100 + i), T0 + i * Second));
            flows.Add(RejectedTcp("10.0.0.2", "172.16.9.9", (ushort)(140 + i), T0 + i * Second));
            flows.Add(Connection("10.0.0.3", "172.16.9.22", 22, T0 + i * Second, Second, Ascii("SSH-2.0-x\r\n"), null, clientBytes: 2000));
            flows.Add(Connection("10.0.0.4", Spread(i), 25, T0 + i * Second, Second, Ascii("EHLO x\r\n"), Ascii("220 mx\r\n")));
            flows.Add(Connection("10.0.0.5", "172.16.9.80", 80, T0 + i * Second, Second, Ascii("GET / HTTP/1.1\r\n\r\n"), Ascii("HTTP/1.1 200 OK\r\n\r\nhello")));
        }

        flows.Add(Connection("10.0.0.6", "198.51.100.7", 80, T0, Second, Ascii("GET /x HTTP/1.1\r\n\r\n"), [.. Ascii("HTTP/1.1 200 OK\r\n\r\n"), .. BinaryDownloadDetectorTests.Elf()]));
        flows.Add(Connection("10.0.0.7", "198.51.100.8", 80, T0, Second, Ascii("GET /api/pop?botid=abc&sysinfo=Linux HTTP/1.1\r\n\r\n"), null));
        return flows;
    }

    private static string[] Summary(APlaneResult result) =>
        [.. result.Activities.Select((a, i) => $"{a.Type} {a.Host} {a.ClusterKey} {a.Count} {a.StartNs} {a.EndNs} {a.Evidence} -> {result.ClusterOfActivity[i]}")];

    [Fact]
    public void Every_detector_fires_once_on_its_own_host()
    {
        var analyzer = new APlaneAnalyzer(Options);
        MixedFlows().ForEach(analyzer.Observe);
        var result = analyzer.Complete();

        var byHost = result.Activities.ToDictionary(a => a.Host.ToString(), a => a.Type);
        Assert.Equal(ActivityType.Scan, byHost["10.0.0.1"]);
        Assert.Equal(ActivityType.Scan, byHost["10.0.0.2"]);
        Assert.Equal(ActivityType.BruteForce, byHost["10.0.0.3"]);
        Assert.Equal(ActivityType.Spam, byHost["10.0.0.4"]);
        Assert.Equal(ActivityType.BinaryDownload, byHost["10.0.0.6"]);
        Assert.Equal(ActivityType.Signature, byHost["10.0.0.7"]);
        Assert.False(byHost.ContainsKey("10.0.0.5")); // the busy web client
        Assert.Equal(6, result.Clusters.Count);
    }

    [Fact]
    public void Analyzers_fed_with_shuffled_parts_merge_to_the_whole()
    {
        var flows = MixedFlows();
        var whole = new APlaneAnalyzer(Options);
        flows.ForEach(whole.Observe);

        var random = new Random(42);
        var shuffled = flows.OrderBy(_ => random.Next()).ToList();
        var parts = Enumerable.Range(0, 3).Select(_ => new APlaneAnalyzer(Options)).ToArray();
        for (var i = 0; i < shuffled.Count; i++)
        {
            parts[i % 3].Observe(shuffled[i]);
        }

        parts[1].Merge(parts[2]);
        parts[0].Merge(parts[1]);
        Assert.Equal(whole.FlowCount, parts[0].FlowCount);
        Assert.Equal(Summary(whole.Complete()), Summary(parts[0].Complete()));
    }
}
