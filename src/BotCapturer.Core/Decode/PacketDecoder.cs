using System.Buffers.Binary;
using BotCapturer.Capture;
using BotCapturer.Net;

namespace BotCapturer.Decode;

/// <summary>
/// A span-based decoder from link layer to transport header. It never throws and never allocates: every
/// frame it cannot use yields a <see cref="DecodeStatus"/> saying why.
/// </summary>
public static class PacketDecoder
{
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeIPv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const ushort EtherTypeQinQOld = 0x9100;
    private const ushort EtherTypePppoeSession = 0x8864;

    /// <summary>True when the decoder understands the link type.</summary>
    public static bool IsSupported(LinkType linkType) => linkType is LinkType.Ethernet or LinkType.LinuxSll or LinkType.LinuxSll2
        or LinkType.Raw or LinkType.RawBsd12 or LinkType.RawBsd14 or LinkType.IPv4 or LinkType.IPv6
        or LinkType.Null or LinkType.Loop or LinkType.Ppp or LinkType.PppHdlc or LinkType.Ieee80211 or LinkType.Ieee80211Radiotap;

    /// <summary>Decodes one captured frame.</summary>
    /// <param name="linkType">The frame's link-layer header type.</param>
    /// <param name="frame">The captured bytes.</param>
    /// <param name="originalLength">The frame's length on the wire (to tell snaplen truncation from a bogus IP length).</param>
    /// <param name="packet">The decoded packet when the result is <see cref="DecodeStatus.Ok"/>.</param>
    public static DecodeStatus Decode(LinkType linkType, ReadOnlySpan<byte> frame, int originalLength, out DecodedPacket packet)
    {
        packet = default;
        int offset;
        int family; // 4, 6, 0 = look at the version nibble, -1 = not IP
        switch (linkType)
        {
            case LinkType.Ethernet:
                if (!TryEthernet(frame, out offset, out family))
                {
                    return family == -1 ? DecodeStatus.NonIp : DecodeStatus.Truncated;
                }

                break;
            case LinkType.LinuxSll:
                // Linux cooked capture v1: 16 bytes, protocol at 14 (tcpdump.org LINKTYPE_LINUX_SLL)
                if (frame.Length < 16)
                {
                    return DecodeStatus.Truncated;
                }

                offset = 16;
                family = EtherTypeFamily(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]));
                break;
            case LinkType.LinuxSll2:
                // Linux cooked capture v2: 20 bytes, protocol first (LINKTYPE_LINUX_SLL2)
                if (frame.Length < 20)
                {
                    return DecodeStatus.Truncated;
                }

                offset = 20;
                family = EtherTypeFamily(BinaryPrimitives.ReadUInt16BigEndian(frame));
                break;
            case LinkType.Raw or LinkType.RawBsd12 or LinkType.RawBsd14:
                offset = 0;
                family = 0;
                break;
            case LinkType.IPv4:
                offset = 0;
                family = 4;
                break;
            case LinkType.IPv6:
                offset = 0;
                family = 6;
                break;
            case LinkType.Null or LinkType.Loop:
                if (frame.Length < 4)
                {
                    return DecodeStatus.Truncated;
                }

                offset = 4;
                family = NullFamily(frame, linkType == LinkType.Loop);
                break;
            case LinkType.Ieee80211 or LinkType.Ieee80211Radiotap:
                if (!TryIeee80211(frame, linkType == LinkType.Ieee80211Radiotap, out offset, out family))
                {
                    return family == -1 ? DecodeStatus.NonIp : DecodeStatus.Truncated;
                }

                break;
            case LinkType.Ppp or LinkType.PppHdlc:
                if (!TryPpp(frame, 0, out offset, out family))
                {
                    return family == -1 ? DecodeStatus.NonIp : DecodeStatus.Truncated;
                }

                break;
            default:
                return DecodeStatus.UnsupportedLinkType;
        }

        if (family == -1)
        {
            return DecodeStatus.NonIp;
        }

        var ip = frame[offset..];
        if (ip.Length < 1)
        {
            return DecodeStatus.Truncated;
        }

        var version = ip[0] >> 4;
        if (family == 0)
        {
            family = version;
        }

        if (version != family || (version != 4 && version != 6))
        {
            return family is 4 or 6 ? DecodeStatus.BadIpVersion : DecodeStatus.NonIp;
        }

        var wireIpLength = Math.Max(0, originalLength - offset);
        return version == 4
            ? DecodeIPv4(ip, offset, wireIpLength, out packet)
            : DecodeIPv6(ip, offset, wireIpLength, out packet);
    }

    private static bool TryEthernet(ReadOnlySpan<byte> frame, out int offset, out int family)
    {
        offset = 0;
        family = 0;
        if (frame.Length < 14)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        offset = 14;
        // IEEE 802.1Q / 802.1ad (QinQ): any depth of tags
        while (type is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQOld)
        {
            if (frame.Length < offset + 4)
            {
                return false;
            }

            type = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
        }

        if (type == EtherTypePppoeSession)
        {
            // RFC 2516: 6-byte PPPoE header, then the 2-byte PPP protocol
            if (frame.Length < offset + 8)
            {
                return false;
            }

            var ppp = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
            offset += 8;
            family = PppFamily(ppp);
            return family != -1;
        }

        family = EtherTypeFamily(type);
        return family != -1;
    }

    private static bool TryIeee80211(ReadOnlySpan<byte> frame, bool radiotap, out int offset, out int family)
    {
        offset = 0;
        family = -1;
        if (radiotap)
        {
            // radiotap.org: version, pad, then the header's total length (little-endian)
            if (frame.Length < 4)
            {
                family = 0;
                return false;
            }

            offset = BinaryPrimitives.ReadUInt16LittleEndian(frame[2..]);
        }

        // IEEE 802.11-2020 §9.2.4.1: frame control; only unprotected data frames carry a readable LLC/SNAP payload
        if (frame.Length < offset + 24)
        {
            family = 0;
            return false;
        }

        var fc0 = frame[offset];
        var fc1 = frame[offset + 1];
        var type = (fc0 >> 2) & 0x3;
        var subtype = (fc0 >> 4) & 0xF;
        if (type != 2 || (subtype & 0x4) != 0 || (fc1 & 0x40) != 0)
        {
            return false; // management, control, null-data or encrypted frames
        }

        var header = 24;
        if ((fc1 & 0x03) == 0x03)
        {
            header += 6; // four-address frame (ToDS and FromDS)
        }

        if ((subtype & 0x8) != 0)
        {
            header += 2; // QoS control
            if ((fc1 & 0x80) != 0)
            {
                header += 4; // HT control
            }
        }

        offset += header;
        // RFC 1042 LLC/SNAP: AA AA 03, OUI, EtherType
        if (frame.Length < offset + 8)
        {
            family = 0;
            return false;
        }

        if (frame[offset] != 0xAA || frame[offset + 1] != 0xAA || frame[offset + 2] != 0x03)
        {
            return false;
        }

        family = EtherTypeFamily(BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]));
        offset += 8;
        return family != -1;
    }

    private static bool TryPpp(ReadOnlySpan<byte> frame, int start, out int offset, out int family)
    {
        offset = start;
        family = 0;
        // RFC 1662: optional 0xFF 0x03 address/control, then a 1- or 2-byte protocol (RFC 1661 §2)
        if (frame.Length >= offset + 2 && frame[offset] == 0xFF && frame[offset + 1] == 0x03)
        {
            offset += 2;
        }

        if (frame.Length < offset + 1)
        {
            return false;
        }

        ushort protocol;
        if ((frame[offset] & 1) == 1)
        {
            protocol = frame[offset];
            offset += 1;
        }
        else
        {
            if (frame.Length < offset + 2)
            {
                return false;
            }

            protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
            offset += 2;
        }

        family = PppFamily(protocol);
        return family != -1;
    }

    private static int PppFamily(ushort protocol) => protocol switch
    {
        0x0021 => 4,
        0x0057 => 6,
        _ => -1,
    };

    private static int EtherTypeFamily(ushort type) => type switch
    {
        EtherTypeIPv4 => 4,
        EtherTypeIPv6 => 6,
        _ => -1,
    };

    private static int NullFamily(ReadOnlySpan<byte> frame, bool bigEndian)
    {
        // The family is in the capturing host's byte order (LINKTYPE_NULL) or big-endian (LINKTYPE_LOOP).
        // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
        var value = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(frame) : BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (!bigEndian && value > 0xFFFF)
        {
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        return value switch
        {
            2 => 4,
            10 or 24 or 28 or 30 => 6,
            _ => -1,
        };
    }

    private static DecodeStatus DecodeIPv4(ReadOnlySpan<byte> ip, int ipOffset, int wireIpLength, out DecodedPacket packet)
    {
        packet = default;
        // RFC 791 §3.1
        if (ip.Length < 20)
        {
            return DecodeStatus.Truncated;
        }

        var headerLength = (ip[0] & 0x0F) * 4;
        if (headerLength < 20)
        {
            return DecodeStatus.BadIpHeaderLength;
        }

        if (ip.Length < headerLength)
        {
            return wireIpLength >= headerLength ? DecodeStatus.Truncated : DecodeStatus.BadIpHeaderLength;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (totalLength == 0)
        {
            // TCP segmentation offload and BIG TCP captures say 0: the frame is the packet (as tcpdump and Wireshark read it)
            totalLength = wireIpLength;
        }

        if (totalLength < headerLength || totalLength > wireIpLength)
        {
            return DecodeStatus.BadIpLength;
        }

        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        if ((fragment & 0x1FFF) != 0)
        {
            return DecodeStatus.IpFragment;
        }

        var protocol = ip[9];
        var source = HostAddress.FromIPv4(ip[12..]);
        var destination = HostAddress.FromIPv4(ip[16..]);
        var capturedEnd = Math.Min(ip.Length, totalLength);
        return DecodeTransport(protocol, ip[headerLength..capturedEnd], ipOffset + headerLength, totalLength - headerLength, source, destination, totalLength, out packet);
    }

    private static DecodeStatus DecodeIPv6(ReadOnlySpan<byte> ip, int ipOffset, int wireIpLength, out DecodedPacket packet)
    {
        packet = default;
        // RFC 8200 §3
        if (ip.Length < 40)
        {
            return DecodeStatus.Truncated;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var next = ip[6];
        var source = HostAddress.FromIPv6(ip[8..]);
        var destination = HostAddress.FromIPv6(ip[24..]);
        var jumbo = payloadLength == 0 && next == 0;
        if (jumbo)
        {
            // RFC 2675 jumbogram: the real length is in the hop-by-hop option; the frame bounds it.
            payloadLength = wireIpLength - 40;
        }

        if (40 + payloadLength > wireIpLength)
        {
            return DecodeStatus.BadIpLength;
        }

        var capturedEnd = Math.Min(ip.Length, 40 + payloadLength);
        var offset = 40;
        // Extension headers, RFC 8200 §4
        while (true)
        {
            switch (next)
            {
                case 0 or 43 or 60 or 135 or 139 or 140:
                    // hop-by-hop, routing, destination options, mobility, HIP, shim6: (len + 1) * 8 bytes
                    if (capturedEnd < offset + 8)
                    {
                        return capturedEnd < 40 + payloadLength ? DecodeStatus.Truncated : DecodeStatus.BadIpLength;
                    }

                    next = ip[offset];
                    offset += (ip[offset + 1] + 1) * 8;
                    continue;
                case 44:
                    // fragment header: only the first fragment carries the transport header
                    if (capturedEnd < offset + 8)
                    {
                        return capturedEnd < 40 + payloadLength ? DecodeStatus.Truncated : DecodeStatus.BadIpLength;
                    }

                    var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[(offset + 2)..]) & 0xFFF8;
                    next = ip[offset];
                    offset += 8;
                    if (fragmentOffset != 0)
                    {
                        return DecodeStatus.IpFragment;
                    }

                    continue;
                case 51:
                    // authentication header: (len + 2) * 4 bytes (RFC 4302)
                    if (capturedEnd < offset + 8)
                    {
                        return capturedEnd < 40 + payloadLength ? DecodeStatus.Truncated : DecodeStatus.BadIpLength;
                    }

                    next = ip[offset];
                    offset += (ip[offset + 1] + 2) * 4;
                    continue;
            }

            break;
        }

        if (offset > 40 + payloadLength)
        {
            return DecodeStatus.BadIpLength;
        }

        if (offset > capturedEnd)
        {
            return DecodeStatus.Truncated;
        }

        return DecodeTransport(next, ip[offset..capturedEnd], ipOffset + offset, 40 + payloadLength - offset, source, destination, 40 + payloadLength, out packet);
    }

    private static DecodeStatus DecodeTransport(
        byte protocol, ReadOnlySpan<byte> segment, int segmentOffset, int wireSegmentLength,
        HostAddress source, HostAddress destination, int ipLength, out DecodedPacket packet)
    {
        packet = default;
        switch (protocol)
        {
            case (byte)IpProtocol.Tcp:
            {
                // RFC 9293 §3.1
                if (segment.Length < 14)
                {
                    return wireSegmentLength < 20 ? DecodeStatus.BadTcpHeaderLength : DecodeStatus.Truncated;
                }

                var headerLength = (segment[12] >> 4) * 4;
                if (headerLength < 20 || headerLength > wireSegmentLength)
                {
                    return DecodeStatus.BadTcpHeaderLength;
                }

                if (segment.Length < headerLength)
                {
                    return DecodeStatus.Truncated;
                }

                packet = new DecodedPacket(
                    source, destination,
                    BinaryPrimitives.ReadUInt16BigEndian(segment),
                    BinaryPrimitives.ReadUInt16BigEndian(segment[2..]),
                    protocol, (TcpFlags)segment[13],
                    segmentOffset + headerLength, segment.Length - headerLength, wireSegmentLength - headerLength,
                    BinaryPrimitives.ReadUInt32BigEndian(segment[4..]), ipLength);
                return DecodeStatus.Ok;
            }

            case (byte)IpProtocol.Udp:
            {
                // RFC 768
                if (segment.Length < 8)
                {
                    return wireSegmentLength < 8 ? DecodeStatus.BadUdpLength : DecodeStatus.Truncated;
                }

                int udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
                if (udpLength == 0 && wireSegmentLength > 65535)
                {
                    udpLength = wireSegmentLength; // RFC 2675 jumbo UDP
                }

                if (udpLength < 8)
                {
                    return DecodeStatus.BadUdpLength;
                }

                // A UDP length beyond the IP payload is a lie; trust the IP layer for the payload bound.
                var wirePayload = Math.Min(udpLength, wireSegmentLength) - 8;
                packet = new DecodedPacket(
                    source, destination,
                    BinaryPrimitives.ReadUInt16BigEndian(segment),
                    BinaryPrimitives.ReadUInt16BigEndian(segment[2..]),
                    protocol, TcpFlags.None,
                    segmentOffset + 8, Math.Min(segment.Length - 8, wirePayload), wirePayload, 0, ipLength);
                return DecodeStatus.Ok;
            }

            case (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6:
            {
                if (segment.Length < 4)
                {
                    return wireSegmentLength < 4 ? DecodeStatus.BadIpLength : DecodeStatus.Truncated;
                }

                packet = new DecodedPacket(
                    source, destination, segment[0], segment[1], protocol, TcpFlags.None,
                    segmentOffset + Math.Min(8, segment.Length), Math.Max(0, segment.Length - 8), Math.Max(0, wireSegmentLength - 8), 0, ipLength);
                return DecodeStatus.Ok;
            }

            default:
                // Any other protocol (GRE, ESP, SCTP, ...) is kept as a port-less flow, not dropped.
                packet = new DecodedPacket(source, destination, 0, 0, protocol, TcpFlags.None, segmentOffset, segment.Length, wireSegmentLength, 0, ipLength);
                return DecodeStatus.Ok;
        }
    }
}
