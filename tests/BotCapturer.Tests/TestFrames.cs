using System.Buffers.Binary;

namespace BotCapturer.Tests;

/// <summary>Builds small frames byte by byte for decoder and flow tests (checksums are left zero: the decoder does not check them).</summary>
internal static class TestFrames
{
    public static readonly byte[] MacA = [0x02, 0, 0, 0, 0, 0x0A];
    public static readonly byte[] MacB = [0x02, 0, 0, 0, 0, 0x0B];

    public static byte[] Ethernet(ushort etherType, byte[] payload) =>
        [.. MacB, .. MacA, (byte)(etherType >> 8), (byte)etherType, .. payload];

    public static byte[] IPv4(string src, string dst, byte protocol, byte[] payload, ushort fragment = 0, int? totalLength = null, int ihl = 5)
    {
        var header = new byte[Math.Max(20, ihl * 4)];
        header[0] = (byte)(0x40 | ihl);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(totalLength ?? header.Length + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), fragment);
        header[8] = 64;
        header[9] = protocol;
        System.Net.IPAddress.Parse(src).GetAddressBytes().CopyTo(header, 12);
        System.Net.IPAddress.Parse(dst).GetAddressBytes().CopyTo(header, 16);
        return [.. header, .. payload];
    }

    public static byte[] IPv6(string src, string dst, byte nextHeader, byte[] payload)
    {
        var header = new byte[40];
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)payload.Length);
        header[6] = nextHeader;
        header[7] = 64;
        System.Net.IPAddress.Parse(src).GetAddressBytes().CopyTo(header, 8);
        System.Net.IPAddress.Parse(dst).GetAddressBytes().CopyTo(header, 24);
        return [.. header, .. payload];
    }

    public static byte[] Tcp(ushort sport, ushort dport, byte flags, byte[]? payload = null, uint seq = 1000, int dataOffsetWords = 5)
    {
        var header = new byte[Math.Max(20, dataOffsetWords * 4)];
        BinaryPrimitives.WriteUInt16BigEndian(header, sport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), seq);
        header[12] = (byte)(dataOffsetWords << 4);
        header[13] = flags;
        return [.. header, .. payload ?? []];
    }

    public static byte[] Udp(ushort sport, ushort dport, byte[] payload)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, sport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(8 + payload.Length));
        return [.. header, .. payload];
    }

    public static byte[] EthIPv4Tcp(string src, ushort sport, string dst, ushort dport, byte flags, byte[]? payload = null, uint seq = 1000) =>
        Ethernet(0x0800, IPv4(src, dst, 6, Tcp(sport, dport, flags, payload, seq)));

    /// <summary>A classic little-endian microsecond pcap file holding the given frames at their timestamps.</summary>
    public static byte[] Pcap(IEnumerable<(long Ns, byte[] Frame)> packets, uint linkType = 1)
    {
        using var ms = new MemoryStream();
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        ms.Write(header);
        Span<byte> record = stackalloc byte[16];
        foreach (var (ns, frame) in packets)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(ns / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(ns % 1_000_000_000 / 1000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
            ms.Write(record);
            ms.Write(frame);
        }

        return ms.ToArray();
    }

    public static long Seconds(double s) => (long)(s * 1e9);
}
