using CommandLine;

namespace BotCapturer.Cli.Options;

/// <summary>
/// The C-plane's command-line options, shared by every verb that runs the C-plane (<c>cplane</c>, later <c>run</c>):
/// a verb implements this interface and CommandLineParser reads the attributes from it.
/// </summary>
internal interface ICPlaneOptionSet
{
    [Option("epoch", Default = "24h", HelpText = "C-flow epoch (BotMiner: one day): a number with s, m, h or d.")]
    string Epoch { get; set; }

    [Option("fph-window", HelpText = "fph window (default: analysed span / 24, between 1 s and 1 h).")]
    string? FphWindow { get; set; }

    [Option("internal", Default = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7", HelpText = "Internal networks (CIDR,...); C-flows inside them or started outside are dropped; 'none' keeps all.")]
    string Internal { get; set; }

    [Option("whitelist", HelpText = "File of whitelisted destinations (CIDR or address per line, '#' comments).")]
    string? Whitelist { get; set; }

    [Option("keep-single-packet", HelpText = "Keep single-packet flows (dropped by default).")]
    bool KeepSinglePacket { get; set; }

    [Option("keep-unestablished", HelpText = "Keep TCP flows without a SYN / SYN-ACK handshake (dropped by default).")]
    bool KeepUnestablished { get; set; }

    [Option("cluster", Default = "xmeans", HelpText = "xmeans (two-step X-means) | dbscan")]
    string ClusterMethod { get; set; }

    [Option("kmax", Default = 64, HelpText = "X-means: most clusters per step.")]
    int KMax { get; set; }

    [Option("seed", Default = 1, HelpText = "Random seed (same seed, same clusters).")]
    int Seed { get; set; }

    [Option("eps", Default = 0.1, HelpText = "DBSCAN neighbourhood radius in the 52-d space.")]
    double Eps { get; set; }

    [Option("min-samples", Default = 3, HelpText = "DBSCAN: points (itself included) within eps that make a core point.")]
    int MinSamples { get; set; }
}
