using BotCapturer.Decode;
using BotCapturer.Net;

namespace BotCapturer.Flows;

/// <summary>
/// A direction-free flow key: the two endpoints in canonical order (lower address/port first), so both
/// directions of a conversation find the same entry. For ICMP the "ports" are the request type and the code,
/// and only the addresses order the key.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    public FlowKey(byte protocol, HostAddress a, ushort portA, HostAddress b, ushort portB)
    {
        Protocol = protocol;
        A = a;
        PortA = portA;
        B = b;
        PortB = portB;
    }

    public byte Protocol { get; }

    public HostAddress A { get; }

    public ushort PortA { get; }

    public HostAddress B { get; }

    public ushort PortB { get; }

    /// <summary>Builds the canonical key of a packet; <paramref name="aToB"/> tells whether the packet goes from A to B.</summary>
    public static FlowKey FromPacket(in DecodedPacket packet, out bool aToB)
    {
        if (packet.Protocol is (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6)
        {
            var type = IcmpRequestType(packet.Protocol, (byte)packet.SourcePort);
            aToB = packet.Source <= packet.Destination;
            return aToB
                ? new FlowKey(packet.Protocol, packet.Source, type, packet.Destination, packet.DestinationPort)
                : new FlowKey(packet.Protocol, packet.Destination, type, packet.Source, packet.DestinationPort);
        }

        var c = packet.Source.CompareTo(packet.Destination);
        aToB = c < 0 || (c == 0 && packet.SourcePort <= packet.DestinationPort);
        return aToB
            ? new FlowKey(packet.Protocol, packet.Source, packet.SourcePort, packet.Destination, packet.DestinationPort)
            : new FlowKey(packet.Protocol, packet.Destination, packet.DestinationPort, packet.Source, packet.SourcePort);
    }

    /// <summary>Maps ICMP replies onto their request type so a ping and its answer share a flow (as Zeek does).</summary>
    public static ushort IcmpRequestType(byte protocol, byte type) => protocol == (byte)IpProtocol.Icmp
        ? (ushort)(type switch
        {
            0 => 8,   // echo reply -> echo request (RFC 792)
            14 => 13, // timestamp reply
            16 => 15, // information reply
            18 => 17, // address mask reply
            _ => type,
        })
        : (ushort)(type switch
        {
            129 => 128, // ICMPv6 echo reply -> echo request (RFC 4443)
            _ => type,
        });

    public bool Equals(FlowKey other) =>
        A.Equals(other.A) && B.Equals(other.B) && PortA == other.PortA && PortB == other.PortB && Protocol == other.Protocol;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    /// <summary>
    /// The flow index's keyed hash folded to 32 bits (<see cref="FlowIndex.Hash"/>, per-process random keys), so that
    /// the cross-file merger's dictionary is as hard to flood with crafted colliding keys as the flow table.
    /// </summary>
    public override int GetHashCode()
    {
        var h = FlowIndex.Hash(this);
        return (int)(h ^ (h >> 32));
    }

    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);

    public override string ToString() => $"{Protocol} {A}:{PortA} <-> {B}:{PortB}";
}
