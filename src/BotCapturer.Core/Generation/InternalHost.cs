using BotCapturer.Net;

namespace BotCapturer.Generation;

/// <summary>A host on the monitored network, with the per-host state its stacks keep (IP id, ports, DNS cache).</summary>
internal sealed class InternalHost
{
    private int _nextPort;

    public InternalHost(uint address, MacAddress mac, HostOs os, DeterministicRandom random)
    {
        Address = address;
        Mac = mac;
        Os = os;
        IpId = (ushort)random.Next(65536);
        _nextPort = os == HostOs.Windows ? random.Next(49152, 65536) : 0;
    }

    public uint Address { get; }

    public MacAddress Mac { get; }

    public HostOs Os { get; }

    /// <summary>Initial TTL: 128 on Windows, 64 on Linux and macOS.</summary>
    public byte Ttl => Os == HostOs.Windows ? (byte)128 : (byte)64;

    /// <summary>Receive window in SYN and data segments.</summary>
    public ushort Window => Os switch
    {
        HostOs.Windows => 64240,
        HostOs.Linux => 64240,
        _ => 65535,
    };

    /// <summary>Delayed-ACK timer: 200 ms on Windows (RFC 1122 §4.2.3.2 allows up to 500 ms), 40 ms minimum on Linux and macOS.</summary>
    public long DelayedAckNs => Os == HostOs.Windows ? 200_000_000L : 40_000_000L;

    /// <summary>IPv4 identification: one counter per host, as Windows does (Linux's per-destination counters look alike here).</summary>
    public ushort IpId { get; set; }

    /// <summary>Names this host's resolver cache holds, with the time each entry expires.</summary>
    public Dictionary<string, long> DnsCache { get; } = new(StringComparer.Ordinal);

    /// <summary>An ephemeral port: sequential in 49152–65535 on Windows (RFC 6335 range), random in Linux's 32768–60999 and macOS's 49152–65535.</summary>
    public ushort EphemeralPort(DeterministicRandom random)
    {
        switch (Os)
        {
            case HostOs.Windows:
                _nextPort = _nextPort >= 65535 ? 49152 : _nextPort + 1;
                return (ushort)_nextPort;
            case HostOs.Linux:
                return (ushort)random.Next(32768, 61000);
            default:
                return (ushort)random.Next(49152, 65536);
        }
    }

    /// <summary>Times of the SYN retransmissions after the first SYN: Linux 1, 2, 4 s (RFC 6298 initial RTO 1 s, doubled); Windows 3, 6 s.</summary>
    public long[] SynRetryOffsetsNs => Os == HostOs.Windows ? [3_000_000_000L, 9_000_000_000L] : [1_000_000_000L, 3_000_000_000L, 7_000_000_000L];
}
