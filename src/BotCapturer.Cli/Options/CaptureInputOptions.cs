using CommandLine;

namespace BotCapturer.Cli.Options;

/// <summary>Options every command that reads captures shares.</summary>
internal abstract class CaptureInputOptions
{
    [Value(0, MetaName = "captures", Required = true, HelpText = "Capture files (pcap or pcapng) or folders of them; '-' reads standard input.")]
    public virtual IEnumerable<string> Inputs { get; set; } = [];

    [Option("threads", HelpText = "Capture files read at once (default: one per core).")]
    public int? Threads { get; set; }

    [Option("filter", HelpText = "BPF expression (libpcap syntax) packets must match, e.g. \"tcp port 80\".")]
    public string? Filter { get; set; }

    [Option("strict", HelpText = "Stop at the first bad capture file instead of going on with the others.")]
    public bool Strict { get; set; }

    [Option("tcp-timeout", Default = 300.0, HelpText = "TCP flow idle timeout, seconds.")]
    public double TcpTimeout { get; set; } = 300;

    [Option("udp-timeout", Default = 60.0, HelpText = "UDP flow idle timeout, seconds.")]
    public double UdpTimeout { get; set; } = 60;

    [Option("icmp-timeout", Default = 60.0, HelpText = "ICMP (and other protocols') flow idle timeout, seconds.")]
    public double IcmpTimeout { get; set; } = 60;

    [Option("payload-bytes", Default = 64, HelpText = "First payload bytes kept per flow direction (flows: written by --format json only; run and activities keep at least 1024).")]
    public int PayloadBytes { get; set; } = 64;

    [Option('q', "quiet", HelpText = "No progress or summary on stderr (errors still show).")]
    public bool Quiet { get; set; }

    /// <summary>Checks the shared options; verbs add their own checks after this one.</summary>
    public virtual string? Validate() =>
        Threads is < 1 ? "--threads must be at least 1"
        : TcpTimeout <= 0 || UdpTimeout <= 0 || IcmpTimeout <= 0 ? "timeouts must be positive"
        : PayloadBytes is < 0 or > 65536 ? "--payload-bytes must be between 0 and 65536"
        : null;
}
