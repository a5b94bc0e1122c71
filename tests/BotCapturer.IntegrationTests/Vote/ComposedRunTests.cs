using BotCapturer.IntegrationTests.CPlane;
using Xunit.Abstractions;

namespace BotCapturer.IntegrationTests.Vote;

/// <summary>
/// Issue #8 on the C-plane issue's composed capture: real bot traces copied onto several internal hosts over benign
/// background; each family must come out as one group holding all its copies and no other host.
/// </summary>
public sealed class ComposedRunTests(ITestOutputHelper output)
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
    [InlineData(3)]
    [InlineData(5)]
    public async Task Each_family_is_one_group_with_all_its_copies_and_nothing_else(int copies)
    {
        var shared = SharedData.RequireShared();
        foreach (var tool in new[] { "tshark", "tcprewrite", "editcap", "mergecap", "capinfos" })
        {
            SharedData.RequireTool(tool);
        }

        using var capture = ComposedCapture.Build(Path.Combine(shared, "captures"), Bots, Backgrounds, copies);
        using var run = await RunOutput.RunAsync(capture.Path);
        output.WriteLine(run.Stdout);

        foreach (var (family, addresses) in capture.Families)
        {
            var holding = run.Groups.Where(g => g.Hosts.Any(addresses.Contains)).ToList();
            Assert.True(holding.Count == 1, $"{family}: in {holding.Count} groups");
            Assert.Equal(addresses.Order(StringComparer.Ordinal), holding[0].Hosts.Order(StringComparer.Ordinal));
        }

        var bots = capture.Families.Values.SelectMany(a => a).ToHashSet();
        Assert.All(run.Groups, g => Assert.All(g.Hosts, h => Assert.Contains(h, bots)));
        Assert.DoesNotContain(run.Suspicious, capture.BenignHosts.Contains);
    }
}
