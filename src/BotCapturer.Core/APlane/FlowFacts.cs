using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>What the A-plane detectors read from a flow beyond its plain fields.</summary>
public static class FlowFacts
{
    /// <summary>
    /// A connection attempt by the source that failed: TCP with a SYN and no SYN-ACK (Zeek S0, REJ, RSTOS0, SH: no
    /// answer, a RST answer, or an ICMP error that the flow table keeps as a flow of its own); UDP with no answer at all.
    /// </summary>
    public static bool IsFailedAttempt(Flow flow) => flow.Protocol switch
    {
        (byte)IpProtocol.Tcp => SentSyn(flow) && !AnsweredSyn(flow),
        (byte)IpProtocol.Udp => flow.DestinationPackets == 0,
        _ => false,
    };

    /// <summary>A connection attempt at all: a TCP flow begun with a SYN, or any UDP flow.</summary>
    public static bool IsAttempt(Flow flow) => flow.Protocol switch
    {
        (byte)IpProtocol.Tcp => SentSyn(flow),
        (byte)IpProtocol.Udp => true,
        _ => false,
    };

    /// <summary>
    /// TCP: the initiator opened with a SYN. Flows rebuilt from storage (<see cref="Flow.Create"/>) keep only the OR of
    /// each side's flags, which carries the same fact: the initiator's only SYN is its opening one.
    /// </summary>
    public static bool SentSyn(Flow flow) => flow.SourceSentSyn || (flow.SourceFlags & TcpFlags.Syn) != 0;

    /// <summary>TCP: the responder answered the SYN with a SYN-ACK (from stored flags: the responder sent a SYN at all).</summary>
    public static bool AnsweredSyn(Flow flow) => flow.DestinationSentSynAck || (flow.DestinationFlags & TcpFlags.Syn) != 0;

    /// <summary>
    /// An ICMP destination-unreachable flow (ICMP type 3, RFC 792; ICMPv6 type 1, RFC 4443). The flow table keys ICMP by
    /// type and code, so its source is the router or target that sent the error and its destination the prober.
    /// </summary>
    public static bool IsIcmpUnreachable(Flow flow) =>
        (flow.Protocol == (byte)IpProtocol.Icmp && flow.Key.PortA == 3)
        || (flow.Protocol == (byte)IpProtocol.Icmpv6 && flow.Key.PortA == 1);

    /// <summary>Multicast or limited broadcast: one-to-many traffic (mDNS, SSDP, LLMNR, DHCP) is not probing.</summary>
    public static bool IsGroupAddress(HostAddress address) => address.IsIPv4
        ? (address.IPv4Value >> 28) == 0xE || address.IPv4Value == 0xFFFF_FFFF
        : (address.High >> 56) == 0xFF;

    /// <summary>"tcp", "udp" or the protocol number.</summary>
    public static string ProtocolName(byte protocol) => protocol switch
    {
        (byte)IpProtocol.Tcp => "tcp",
        (byte)IpProtocol.Udp => "udp",
        (byte)IpProtocol.Icmp => "icmp",
        (byte)IpProtocol.Icmpv6 => "icmp6",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
