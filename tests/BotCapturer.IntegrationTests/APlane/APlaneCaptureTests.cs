using BotCapturer.APlane;
using BotCapturer.Net;

namespace BotCapturer.IntegrationTests.APlane;

/// <summary>
/// The A-plane on real captures from ../shared/captures, checked against the hosts MANIFEST.tsv names
/// (docs/aplane.md lists the numbers and where a label did not hold).
/// </summary>
public class APlaneCaptureTests
{
    [SkippableTheory]
    [InlineData("chrissanders-packets/synscan.pcapng", "172.16.0.8", "vertical tcp 64.13.134.52 ")]
    // MANIFEST names the masscan target 198.128.153.23 (from the repository README); the packets go to 198.124.152.15.
    [InlineData("esnet-curated/masscan_tcp_0_1000_20190821.pcap", "172.31.15.102", "vertical tcp 198.124.152.15 ports 0-1000")]
    [InlineData("esnet-curated/masscan_udp_0_1000_20190821.pcap", "172.31.15.102", "vertical udp 198.124.152.15 ports 0-1000")]
    [InlineData("slips/test7-malicious.pcap", "192.168.2.16", "horizontal tcp/23 *")]
    [InlineData("stratocyberlab/class11-capture1.pcapng", "192.168.1.196", "horizontal tcp/23 *")]
    public async Task Scanning_host_has_a_scan_activity(string capture, string scanner, string target)
    {
        var result = await APlaneCaptures.AnalyseAsync(capture);
        var scans = result.Activities.Where(a => a.Type == ActivityType.Scan).ToList();
        Assert.NotEmpty(scans);
        Assert.All(scans, a => Assert.Equal(HostAddress.Parse(scanner), a.Host));
        Assert.Contains(scans, a => a.Target.StartsWith(target, StringComparison.Ordinal));
        Assert.Contains(result.Clusters, c => c.Type == ActivityType.Scan && c.Hosts.Contains(HostAddress.Parse(scanner)));
    }

    [SkippableFact]
    public async Task Nmap_single_port_service_probe_is_found_by_its_signature_not_as_a_scan()
    {
        // "nmap -p80 -A" against one host: two TCP ports (80, 443) and 36 mostly successful connections. No defensible
        // scan threshold fires on that; the NSE scripts' User-Agent names the tool.
        var result = await APlaneCaptures.AnalyseAsync("esnet-curated/nmap_80_all.pcap");
        var nmap = Assert.Single(result.Of(ActivityType.Signature, "10.87.1.10"));
        Assert.Equal("signature:nmap-nse-http-user-agent", nmap.ClusterKey);
        Assert.True(nmap.Count >= 20, $"{nmap.Count} NSE requests");
        Assert.DoesNotContain(result.Activities, a => a.Type == ActivityType.Scan);
    }

    [SkippableFact]
    public async Task Ssh_bruteforce_capture_yields_a_brute_force_on_vmware_auth()
    {
        var result = await APlaneCaptures.AnalyseAsync("slips/malicious-ssh-bruteforce.pcap");
        var brute = Assert.Single(result.Activities);
        Assert.Equal(ActivityType.BruteForce, brute.Type);
        Assert.Equal(HostAddress.Parse("147.32.80.40"), brute.Host);
        Assert.Equal("147.32.80.37 tcp/902", brute.Target);
        Assert.True(brute.Count >= 60, $"{brute.Count} attempts");
    }

    [SkippableFact]
    public async Task Iot_bot_downloads_elf_binaries_from_its_server()
    {
        var result = await APlaneCaptures.AnalyseAsync("stratocyberlab/class11-capture1.pcapng");
        var downloads = result.Of(ActivityType.BinaryDownload, "192.168.1.196");
        Assert.Equal(5, downloads.Count);
        Assert.All(downloads, d => Assert.StartsWith("104.248.160.24:80 ELF", d.Target, StringComparison.Ordinal));
        Assert.Equal(5, downloads.Select(d => d.ClusterKey).Distinct().Count()); // five architectures, five binaries
        Assert.Contains(downloads, d => d.Evidence.Contains("GET /tftp HTTP/1.1", StringComparison.Ordinal)); // its first segment came second
    }

    [SkippableFact]
    public async Task Windows_bot_downloads_an_executable()
    {
        var result = await APlaneCaptures.AnalyseAsync("stratocyberlab/training-capture-001.pcap");
        var download = Assert.Single(result.Of(ActivityType.BinaryDownload, "10.0.2.16"));
        Assert.Equal("81.169.145.69:80 PE i386", download.Target);
        Assert.Contains("GET /bn43.exe", download.Evidence, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Proxy_bot_relays_its_controllers_requests()
    {
        // training-capture-009: 185.86.148.106 sends HTTP requests down 192.168.1.130's own connection to :43904, and
        // the bot sends each on to 88.99.210.154:80 (three rounds, 1,620 s apart).
        var result = await APlaneCaptures.AnalyseAsync("stratocyberlab/training-capture-009.pcap");
        var relay = Assert.Single(result.Activities, a => a.Type == ActivityType.Relay);
        Assert.Equal("192.168.1.130", relay.Host.ToString());
        Assert.Equal("185.86.148.106:43904 -> 88.99.210.154:80", relay.Target);
        Assert.Equal(3, relay.Count);
        Assert.Contains("GET /cache/ms.php?proxy=", relay.Evidence, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("chrissanders-packets/http_espn.pcapng")]
    [InlineData("chrissanders-packets/ppa1e_gnutella.pcap")]
    [InlineData("chrissanders-packets/ppa1e_torrential-slowness.pcap")]
    [InlineData("ndpi-tests/bittorrent.pcap")]
    [InlineData("ndpi-tests/irc.pcap")]
    [InlineData("slips/test-cc-capture-1.pcap")]
    public async Task Benign_captures_have_no_scan_brute_force_spam_or_relay(string capture)
    {
        var result = await APlaneCaptures.AnalyseAsync(capture);
        Assert.DoesNotContain(result.Activities, a => a.Type is ActivityType.Scan or ActivityType.BruteForce or ActivityType.Spam or ActivityType.Relay);
    }
}
