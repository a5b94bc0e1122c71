using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.CPlane;

/// <summary>
/// BotMiner §4.1.1: a C-flow is every flow in one epoch with the same protocol, source IP, destination IP and
/// destination port. <see cref="Epoch"/> numbers the epoch from the analysis' first flow (0 while aggregating).
/// </summary>
public readonly record struct CFlowKey(byte Protocol, HostAddress Source, HostAddress Destination, ushort DestinationPort, int Epoch = 0)
    : IComparable<CFlowKey>
{
    /// <summary>The C-flow a flow belongs to (epoch 0; the epoch is assigned once all flows are in).</summary>
    public static CFlowKey Of(Flow flow) => new(flow.Protocol, flow.Source, flow.Destination, flow.DestinationPort);

    public int CompareTo(CFlowKey other)
    {
        var c = Source.CompareTo(other.Source);
        if (c != 0)
        {
            return c;
        }

        c = Destination.CompareTo(other.Destination);
        if (c != 0)
        {
            return c;
        }

        c = Protocol.CompareTo(other.Protocol);
        if (c != 0)
        {
            return c;
        }

        c = DestinationPort.CompareTo(other.DestinationPort);
        return c != 0 ? c : Epoch.CompareTo(other.Epoch);
    }

    /// <summary>Protocol name as in flow tables (tcp, udp, icmp, icmp6, or the number).</summary>
    public string ProtocolName => Protocol switch
    {
        (byte)IpProtocol.Tcp => "tcp",
        (byte)IpProtocol.Udp => "udp",
        (byte)IpProtocol.Icmp => "icmp",
        (byte)IpProtocol.Icmpv6 => "icmp6",
        _ => Protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override string ToString() => $"{ProtocolName} {Source} -> {Destination}:{DestinationPort} epoch {Epoch}";

    public static bool operator <(CFlowKey left, CFlowKey right) => left.CompareTo(right) < 0;

    public static bool operator >(CFlowKey left, CFlowKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(CFlowKey left, CFlowKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(CFlowKey left, CFlowKey right) => left.CompareTo(right) >= 0;
}
