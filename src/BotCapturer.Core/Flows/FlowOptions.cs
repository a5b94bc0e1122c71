namespace BotCapturer.Flows;

/// <summary>Flow-building settings. Timeouts default to Zeek's (tcp_inactivity_timeout 5 min, udp/icmp 1 min).</summary>
public sealed record FlowOptions
{
    public static readonly FlowOptions Default = new();

    public TimeSpan TcpTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan UdpTimeout { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan IcmpTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Idle timeout for protocols other than TCP, UDP and ICMP.</summary>
    public TimeSpan OtherTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a closed TCP connection (FIN both ways, or RST) stays to absorb its last ACKs and retransmissions
    /// (Zeek's tcp_close_delay and tcp_reset_delay are 5 s).</summary>
    public TimeSpan CloseLinger { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First payload bytes kept per direction (for the activity detectors).</summary>
    public int PayloadBytes { get; init; } = 64;

    /// <summary>How often, in capture time, idle flows are looked for and evicted.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(10);

    internal long TimeoutNs(byte protocol) => protocol switch
    {
        6 => TcpTimeout.Ticks * 100,
        17 => UdpTimeout.Ticks * 100,
        1 or 58 => IcmpTimeout.Ticks * 100,
        _ => OtherTimeout.Ticks * 100,
    };

    internal long MaxTimeoutNs => Math.Max(Math.Max(TcpTimeout.Ticks, UdpTimeout.Ticks), Math.Max(IcmpTimeout.Ticks, OtherTimeout.Ticks)) * 100;
}
