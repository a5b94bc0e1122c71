using System.Buffers.Binary;

namespace BotCapturer.Fuzz;

/// <summary>Small frames built byte by byte for the hand-made seeds (checksums zero: the decoder does not check them).</summary>
internal static class SeedFrames
{
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Icmp = 1;
    public const byte Icmpv6 = 58;

    public static byte[] Ethernet(ushort etherType, byte[] payload) =>
        [0x02, 0, 0, 0, 0, 0x0B, 0x02, 0, 0, 0, 0, 0x0A, (byte)(etherType >> 8), (byte)etherType, .. payload];

    /// <summary>One 802.1Q tag (IEEE 802.1Q §9.6): TCI, then the inner EtherType; goes after an outer TPID.</summary>
    public static byte[] VlanTag(ushort vid, ushort innerEtherType, byte[] payload) =>
        [(byte)(vid >> 8), (byte)vid, (byte)(innerEtherType >> 8), (byte)innerEtherType, .. payload];

    public static byte[] IPv4(byte last, byte dstLast, byte protocol, byte[] payload)
    {
        var header = new byte[20];
        header[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(20 + payload.Length));
        header[8] = 64;
        header[9] = protocol;
        header[12] = 10;
        header[15] = last;
        header[16] = 192;
        header[17] = 0;
        header[18] = 2;
        header[19] = dstLast;
        return [.. header, .. payload];
    }

    public static byte[] IPv6(byte last, byte dstLast, byte nextHeader, byte[] payload)
    {
        var header = new byte[40];
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)payload.Length);
        header[6] = nextHeader;
        header[7] = 64;
        header[8] = 0x20;
        header[9] = 0x01;
        header[10] = 0x0d;
        header[11] = 0xb8;
        header[23] = last;
        header[24] = 0x20;
        header[25] = 0x01;
        header[26] = 0x0d;
        header[27] = 0xb8;
        header[39] = dstLast;
        return [.. header, .. payload];
    }

    /// <summary>IPv6 with a hop-by-hop header and a (first) fragment header before the payload (RFC 8200 §4.3, §4.5).</summary>
    public static byte[] IPv6WithExtensions(byte last, byte dstLast, byte[] tcp)
    {
        byte[] extensions = [44, 0, 1, 4, 0, 0, 0, 0, /* fragment: */ Tcp, 0, 0, 1, 0, 0, 0, 9];
        return IPv6(last, dstLast, 0, [.. extensions, .. tcp]);
    }

    /// <summary>A non-first IPv4 fragment (RFC 791 §3.1: fragment offset 185 × 8 bytes).</summary>
    public static byte[] IPv4Fragment(byte last, byte dstLast)
    {
        var packet = IPv4(last, dstLast, Udp, [1, 2, 3, 4, 5, 6, 7, 8]);
        packet[6] = 0x00;
        packet[7] = 185;
        return packet;
    }

    public static byte[] TcpSegment(ushort sport, ushort dport, byte flags, byte[]? payload = null)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, sport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1000);
        header[12] = 5 << 4;
        header[13] = flags;
        return [.. header, .. payload ?? []];
    }

    public static byte[] UdpDatagram(ushort sport, ushort dport, byte[] payload)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, sport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(8 + payload.Length));
        return [.. header, .. payload];
    }

    public static byte[] IcmpEcho(byte type) => [type, 0, 0, 0, 0, 1, 0, 1, (byte)'p', (byte)'i', (byte)'n', (byte)'g'];

    /// <summary>A short TCP conversation, a UDP exchange and a ping, as IP packets between 10.0.0.x and 192.0.2.y.</summary>
    public static IEnumerable<byte[]> IPv4Conversation()
    {
        yield return IPv4(5, 80, Tcp, TcpSegment(40000, 80, 0x02));
        yield return IPv4(80, 5, Tcp, TcpSegment(80, 40000, 0x12));
        yield return IPv4(5, 80, Tcp, TcpSegment(40000, 80, 0x18, "GET / HTTP/1.1\r\n\r\n"u8.ToArray()));
        yield return IPv4(5, 80, Tcp, TcpSegment(40000, 80, 0x11));
        yield return IPv4(5, 53, Udp, UdpDatagram(5353, 53, [0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
        yield return IPv4(5, 7, Icmp, IcmpEcho(8));
        yield return IPv4(7, 5, Icmp, IcmpEcho(0));
    }

    /// <summary>The same over IPv6 (ICMPv6 echo is type 128/129, RFC 4443 §4).</summary>
    public static IEnumerable<byte[]> IPv6Conversation()
    {
        yield return IPv6(5, 80, Tcp, TcpSegment(40001, 443, 0x02));
        yield return IPv6(80, 5, Tcp, TcpSegment(443, 40001, 0x12));
        yield return IPv6(5, 80, Tcp, TcpSegment(40001, 443, 0x04));
        yield return IPv6(5, 53, Udp, UdpDatagram(5353, 53, [0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
        yield return IPv6(5, 7, Icmpv6, IcmpEcho(128));
    }
}
