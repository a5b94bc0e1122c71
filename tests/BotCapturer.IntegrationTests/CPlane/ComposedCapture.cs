using System.Globalization;

namespace BotCapturer.IntegrationTests.CPlane;

/// <summary>
/// Composes a capture from real bot traces in ../shared/captures: each bot's own packets (tshark) are copied onto
/// several internal addresses (tcprewrite --pnat), moved to a common start time with an offset per copy
/// (editcap -t) and merged (mergecap) with benign background captures. Everything is written to a temporary folder
/// that the caller deletes; nothing composed is committed.
/// </summary>
internal sealed class ComposedCapture : IDisposable
{
    /// <summary>Common start of every part (2023-11-14 22:13:20 UTC); offsets are added per copy.</summary>
    private const double BaseTime = 1_700_000_000;

    private ComposedCapture(string folder) => Folder = folder;

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "composed.pcap");

    /// <summary>Family name → the internal addresses its copies were given.</summary>
    public Dictionary<string, string[]> Families { get; } = [];

    /// <summary>Hosts of the benign background (after any rewriting).</summary>
    public List<string> BenignHosts { get; } = [];

    /// <summary>The three real bot traces the composed-capture tests (C-plane and vote) copy onto internal hosts.</summary>
    public static readonly Bot[] RealBots =
    [
        new("asyncrat", "corelight-rat/asyncrat_cd010953.pcap", "192.168.100.124", "10.1.0"),
        new("hideandseek", "slips/test7-malicious.pcap", "192.168.2.16", "10.2.0"),
        new("cryptowall4", "chrissanders-packets/cryptowall4_c2.pcapng", "192.168.122.145", "10.3.0"),
    ];

    /// <summary>The benign captures under them, with the host each one is about.</summary>
    public static readonly Background[] BenignBackgrounds =
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

    /// <summary>Skips the test, saying why, without ../shared or the tools that compose the capture.</summary>
    public static string RequireSharedAndTools()
    {
        var shared = SharedData.RequireShared();
        foreach (var tool in new[] { "tshark", "tcprewrite", "editcap", "mergecap", "capinfos" })
        {
            SharedData.RequireTool(tool);
        }

        return shared;
    }

    public static ComposedCapture Build(string captures, IReadOnlyList<Bot> bots, IReadOnlyList<Background> backgrounds, int copies)
    {
        var folder = Directory.CreateTempSubdirectory("botcapturer-cplane-").FullName;
        var composed = new ComposedCapture(folder);
        var parts = new List<string>();
        var part = 0;
        foreach (var bot in bots)
        {
            var own = System.IO.Path.Combine(folder, bot.Name + ".pcap");
            Run("tshark", "-r", System.IO.Path.Combine(captures, bot.File), "-F", "pcap", "-w", own, "-Y", $"ip.addr=={bot.Victim}");
            var addresses = new string[copies];
            for (var i = 0; i < copies; i++)
            {
                addresses[i] = $"{bot.Prefix}.{i + 1}";
                var rewritten = System.IO.Path.Combine(folder, $"{bot.Name}-{i}.rw.pcap");
                Run("tcprewrite", $"--pnat={bot.Victim}/32:{addresses[i]}/32", "-i", own, "-o", rewritten);
                var shifted = System.IO.Path.Combine(folder, $"{bot.Name}-{i}.pcap");
                ShiftTo(rewritten, shifted, BaseTime + (37 * (i + 1)) + (11 * part++));
                parts.Add(shifted);
            }

            composed.Families[bot.Name] = addresses;
        }

        var b = 0;
        foreach (var background in backgrounds)
        {
            var source = System.IO.Path.Combine(captures, background.File);
            var pcap = System.IO.Path.Combine(folder, $"bg{b}.src.pcap");
            if (background.From is null)
            {
                Run("editcap", "-F", "pcap", source, pcap);
            }
            else
            {
                Run("tcprewrite", $"--pnat={background.From}/32:{background.Host}/32", "-i", source, "-o", pcap);
            }

            var shifted = System.IO.Path.Combine(folder, $"bg{b}.pcap");
            ShiftTo(pcap, shifted, BaseTime + (53 * b++));
            parts.Add(shifted);
            composed.BenignHosts.Add(background.Host);
        }

        Run("mergecap", ["-F", "pcap", "-w", composed.Path, .. parts]);
        return composed;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void ShiftTo(string input, string output, double start)
    {
        // capinfos -a -T -r -S: "<file>\t<first packet time in seconds>"
        var first = double.Parse(Run("capinfos", "-a", "-T", "-r", "-S", input).Split('\t')[1].Trim(), CultureInfo.InvariantCulture);
        Run("editcap", "-F", "pcap", "-t", (start - first).ToString("F6", CultureInfo.InvariantCulture), input, output);
    }

    private static string Run(string tool, params string[] arguments)
    {
        var (exitCode, output, error) = ExternalTool.Run(tool, arguments);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({exitCode}): {error}");
    }

    /// <summary>A bot trace: its file, the victim's address, and the /24 prefix its copies get.</summary>
    internal sealed record Bot(string Name, string File, string Victim, string Prefix);

    /// <summary>A benign capture and its client host (rewritten from <see cref="From"/> when that is set).</summary>
    internal sealed record Background(string File, string Host, string? From = null);
}
