using System.Buffers.Binary;

namespace BotCapturer.Capture;

/// <summary>
/// Writes Ethernet II + IPv4 + TCP/UDP/ICMP frames with correct IPv4 header checksums and TCP/UDP/ICMP checksums.
/// Frames shorter than Ethernet's 60-byte minimum (without FCS) are zero-padded, as they appear on the wire.
/// Every method returns the frame's length.
/// </summary>
public static class PacketBuilder
{
    public const int EthernetHeaderLength = 14;
    public const int Ipv4HeaderLength = 20;
    public const int TcpHeaderLength = 20;
    public const int UdpHeaderLength = 8;
    public const int IcmpHeaderLength = 8;

    /// <summary>IEEE 802.3 minimum frame (64 bytes) less the 4-byte FCS, which captures do not include.</summary>
    public const int MinimumFrameLength = 60;

    /// <summary>Bytes of TCP options on SYN segments: MSS (4), NOP, NOP, SACK-permitted (2).</summary>
    public const int SynOptionsLength = 8;

    /// <summary>The largest frame any method here writes for a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int MaxFrameLength(int payloadLength) =>
        Math.Max(MinimumFrameLength, EthernetHeaderLength + Ipv4HeaderLength + TcpHeaderLength + SynOptionsLength + payloadLength);

    /// <summary>Writes a TCP segment.</summary>
    public static int WriteTcp(Span<byte> frame, in Ipv4Header ip, in TcpHeader tcp, ReadOnlySpan<byte> payload)
    {
        var tcpLength = TcpHeaderLength + (tcp.MaxSegmentSize != 0 ? SynOptionsLength : 0);
        var segment = WriteIp(frame, ip, 6, tcpLength + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(segment, tcp.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment[2..], tcp.DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment[4..], tcp.Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(segment[8..], tcp.Acknowledgment);
        segment[12] = (byte)(tcpLength / 4 << 4);
        segment[13] = (byte)tcp.Flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment[14..], tcp.Window);
        BinaryPrimitives.WriteUInt16BigEndian(segment[16..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(segment[18..], 0); // urgent pointer
        if (tcp.MaxSegmentSize != 0)
        {
            // RFC 9293 §3.2 (MSS, kind 2), RFC 2018 §2 (SACK-permitted, kind 4), NOPs for alignment
            segment[20] = 2;
            segment[21] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(segment[22..], tcp.MaxSegmentSize);
            segment[24] = 1;
            segment[25] = 1;
            segment[26] = 4;
            segment[27] = 2;
        }

        payload.CopyTo(segment[tcpLength..]);
        var length = tcpLength + payload.Length;
        var sum = InternetChecksum.PseudoHeaderIPv4(ip.Source, ip.Destination, 6, length);
        BinaryPrimitives.WriteUInt16BigEndian(segment[16..], InternetChecksum.Finish(InternetChecksum.Add(sum, segment[..length])));
        return Pad(frame, EthernetHeaderLength + Ipv4HeaderLength + length);
    }

    /// <summary>Writes a UDP datagram (RFC 768).</summary>
    public static int WriteUdp(Span<byte> frame, in Ipv4Header ip, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var length = UdpHeaderLength + payload.Length;
        var segment = WriteIp(frame, ip, 17, length);
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(segment[4..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(segment[6..], 0);
        payload.CopyTo(segment[UdpHeaderLength..]);
        var sum = InternetChecksum.PseudoHeaderIPv4(ip.Source, ip.Destination, 17, length);
        var checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, segment[..length]));
        // RFC 768: a computed zero is sent as all ones (zero means "no checksum")
        BinaryPrimitives.WriteUInt16BigEndian(segment[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return Pad(frame, EthernetHeaderLength + Ipv4HeaderLength + length);
    }

    /// <summary>Writes an ICMP message (RFC 792): type, code, checksum, the 4-byte rest of header, then data.</summary>
    public static int WriteIcmp(Span<byte> frame, in Ipv4Header ip, byte type, byte code, uint restOfHeader, ReadOnlySpan<byte> data)
    {
        var length = IcmpHeaderLength + data.Length;
        var message = WriteIp(frame, ip, 1, length);
        message[0] = type;
        message[1] = code;
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(message[4..], restOfHeader);
        data.CopyTo(message[IcmpHeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], InternetChecksum.Compute(message[..length]));
        return Pad(frame, EthernetHeaderLength + Ipv4HeaderLength + length);
    }

    private static Span<byte> WriteIp(Span<byte> frame, in Ipv4Header ip, byte protocol, int transportLength)
    {
        var totalLength = Ipv4HeaderLength + transportLength;
        if (totalLength > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(transportLength), "IPv4 packets hold at most 65535 bytes");
        }

        // Ethernet II (IEEE 802.3 §3.2.6 type field)
        ip.DestinationMac.WriteTo(frame);
        ip.SourceMac.WriteTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);
        // RFC 791 §3.1
        var header = frame.Slice(EthernetHeaderLength, Ipv4HeaderLength);
        header[0] = 0x45;
        header[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], ip.Identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], ip.DontFragment ? (ushort)0x4000 : (ushort)0);
        header[8] = ip.Ttl;
        header[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], ip.Source);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], ip.Destination);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
        return frame.Slice(EthernetHeaderLength + Ipv4HeaderLength, transportLength);
    }

    private static int Pad(Span<byte> frame, int length)
    {
        if (length >= MinimumFrameLength)
        {
            return length;
        }

        frame[length..MinimumFrameLength].Clear();
        return MinimumFrameLength;
    }
}
