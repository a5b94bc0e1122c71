using System.Buffers.Binary;
using BotCapturer.Capture;

namespace BotCapturer.Fuzz;

/// <summary>
/// Hand-built small captures covering what the generator does not write: pcapng (both byte orders, several
/// interfaces, if_tsresol, simple and obsolete packet blocks, unknown blocks), big-endian and "modified" pcap,
/// Linux cooked v1/v2, raw IP, null/loopback, VLAN and QinQ, IPv6.
/// </summary>
public static class SeedWriter
{
    /// <summary>The seeds, by file name.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Build()
    {
        var v4 = SeedFrames.IPv4Conversation().ToList();
        var v6 = SeedFrames.IPv6Conversation().ToList();
        var eth4 = v4.Select(p => SeedFrames.Ethernet(0x0800, p)).ToList();
        var eth6 = v6.Select(p => SeedFrames.Ethernet(0x86DD, p)).ToList();
        return
        [
            ("pcap-le-us-ethernet.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.Ethernet, eth4, recordHeader: 16)),
            ("pcap-be-ns-ethernet-ipv6.pcap", Pcap(0xA1B23C4D, bigEndian: true, LinkType.Ethernet, eth6, recordHeader: 16)),
            ("pcap-modified.pcap", Pcap(0xA1B2CD34, bigEndian: false, LinkType.Ethernet, eth4.Take(3), recordHeader: 24)),
            ("pcap-sll.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.LinuxSll, v4.Select(p => Sll(0x0800, p)), recordHeader: 16)),
            ("pcap-sll2-ipv6.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.LinuxSll2, v6.Select(p => Sll2(0x86DD, p)), recordHeader: 16)),
            ("pcap-raw.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.Raw, [.. v4.Take(3), .. v6.Take(2)], recordHeader: 16)),
            ("pcap-null.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.Null, v4.Take(3).Select(p => (byte[])[2, 0, 0, 0, .. p]), recordHeader: 16)),
            ("pcap-vlan-qinq.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.Ethernet,
                [
                    SeedFrames.Ethernet(0x8100, SeedFrames.VlanTag(10, 0x0800, v4[0])),
                    SeedFrames.Ethernet(0x88A8, SeedFrames.VlanTag(20, 0x8100, SeedFrames.VlanTag(10, 0x0800, v4[1]))),
                    SeedFrames.Ethernet(0x8100, SeedFrames.VlanTag(10, 0x86DD, v6[0])),
                ], recordHeader: 16)),
            ("pcap-radiotap-80211.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.Ieee80211Radiotap, v4.Take(2).Select(Radiotap80211), recordHeader: 16)),
            ("pcap-ppp.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.Ppp, [[0xFF, 0x03, 0x00, 0x21, .. v4[0]], [0x57, .. v6[0]]], recordHeader: 16)),
            ("pcap-loop.pcap", Pcap(0xA1B2C3D4, bigEndian: true, LinkType.Loop, [[0, 0, 0, 2, .. v4[0]], [0, 0, 0, 30, .. v6[0]]], recordHeader: 16)),
            ("pcap-pppoe-ext.pcap", Pcap(0xA1B2C3D4, bigEndian: false, LinkType.Ethernet,
                [
                    // RFC 2516 PPPoE session header (ver/type 0x11, code 0, session id, length), then PPP protocol 0x0021.
                    SeedFrames.Ethernet(0x8864, [0x11, 0x00, 0x00, 0x01, (byte)((v4[2].Length + 2) >> 8), (byte)(v4[2].Length + 2), 0x00, 0x21, .. v4[2]]),
                    SeedFrames.Ethernet(0x86DD, SeedFrames.IPv6WithExtensions(5, 80, SeedFrames.TcpSegment(40002, 80, 0x02))),
                    SeedFrames.Ethernet(0x0800, SeedFrames.IPv4Fragment(5, 80)),
                    SeedFrames.Ethernet(0x0800, SeedFrames.IPv4(5, 80, 47, [0, 0, 0x08, 0x00])),
                ], recordHeader: 16)),
            ("pcapng-le.pcapng", PcapNg(bigEndian: false, eth4, eth6)),
            ("pcapng-be.pcapng", PcapNg(bigEndian: true, eth4.Take(2), v6.Take(2))),
        ];
    }

    /// <summary>Writes every seed into <paramref name="directory"/>.</summary>
    public static int WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var seeds = Build();
        foreach (var (name, bytes) in seeds)
        {
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
        }

        return seeds.Count;
    }

    private static byte[] Radiotap80211(byte[] packet)
    {
        // radiotap.org: version 0, pad, length 8, no present fields; IEEE 802.11 data frame (FromDS), 24-byte
        // header; RFC 1042 LLC/SNAP with EtherType IPv4.
        byte[] radiotap = [0, 0, 8, 0, 0, 0, 0, 0];
        var header = new byte[24];
        header[0] = 0x08;
        header[1] = 0x02;
        return [.. radiotap, .. header, 0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00, .. packet];
    }

    private static byte[] Sll(ushort protocol, byte[] packet)
    {
        // LINKTYPE_LINUX_SLL: packet type, ARPHRD, address length, 8 address bytes, protocol.
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 6);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), protocol);
        return [.. header, .. packet];
    }

    private static byte[] Sll2(ushort protocol, byte[] packet)
    {
        // LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD, packet type, address length, 8 address bytes.
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, protocol);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), 1);
        header[11] = 6;
        return [.. header, .. packet];
    }

    private static byte[] Pcap(uint magic, bool bigEndian, LinkType linkType, IEnumerable<byte[]> frames, int recordHeader)
    {
        var w = new ByteWriter(bigEndian);
        w.U32(magic);
        w.U16(2);
        w.U16(4);
        w.U32(0);
        w.U32(0);
        w.U32(65535);
        w.U32((uint)linkType);
        var seconds = 1_772_441_000u;
        foreach (var frame in frames)
        {
            w.U32(seconds++);
            w.U32(123_456);
            w.U32((uint)frame.Length);
            w.U32((uint)frame.Length);
            for (var i = 16; i < recordHeader; i++)
            {
                w.U8(0);
            }

            w.Bytes(frame);
        }

        return w.ToArray();
    }

    private static byte[] PcapNg(bool bigEndian, IEnumerable<byte[]> ethernet, IEnumerable<byte[]> second)
    {
        var w = new ByteWriter(bigEndian);

        // §4.1 Section Header Block: byte-order magic, version 1.0, section length -1, no options.
        w.Block(0x0A0D0D0A, b =>
        {
            b.U32(0x1A2B3C4D);
            b.U16(1);
            b.U16(0);
            b.U32(0xFFFFFFFF);
            b.U32(0xFFFFFFFF);
        });

        // §4.2 Interface Description Blocks: 0 = Ethernet with if_tsresol 9 (ns), 1 = raw IP or SLL2 with default µs.
        w.Block(1, b =>
        {
            b.U16((ushort)LinkType.Ethernet);
            b.U16(0);
            b.U32(0);
            b.U16(9);
            b.U16(1);
            b.Bytes([9, 0, 0, 0]);
            b.U16(0);
            b.U16(0);
        });
        w.Block(1, b =>
        {
            b.U16((ushort)(bigEndian ? LinkType.Raw : LinkType.Ethernet));
            b.U16(0);
            b.U32(128);
        });

        ulong ts = 1_772_441_000_000_000_000;
        foreach (var frame in ethernet)
        {
            w.Block(6, b => EnhancedPacket(b, 0, ts, frame));
            ts += 1_000_000;
        }

        // An unknown block (Name Resolution, §4.5) is skipped; an Interface Statistics block (§4.6) too.
        w.Block(4, b => b.U32(0));
        w.Block(5, b =>
        {
            b.U32(0);
            b.U32(0);
            b.U32(0);
        });

        var id = 1u;
        foreach (var frame in second)
        {
            w.Block(6, b => EnhancedPacket(b, id, ts / 1000, frame));
            ts += 1_000_000;
        }

        var first = ethernet.First();

        // §4.4 Simple Packet Block (interface 0, original length) and Appendix A obsolete Packet Block.
        w.Block(3, b =>
        {
            b.U32((uint)first.Length);
            b.Bytes(first);
            b.Pad();
        });
        w.Block(2, b =>
        {
            b.U16(0);
            b.U16(0);
            b.U32((uint)(ts >> 32));
            b.U32((uint)ts);
            b.U32((uint)first.Length);
            b.U32((uint)first.Length);
            b.Bytes(first);
            b.Pad();
        });
        return w.ToArray();
    }

    private static void EnhancedPacket(ByteWriter b, uint interfaceId, ulong timestamp, byte[] frame)
    {
        b.U32(interfaceId);
        b.U32((uint)(timestamp >> 32));
        b.U32((uint)timestamp);
        b.U32((uint)frame.Length);
        b.U32((uint)frame.Length);
        b.Bytes(frame);
        b.Pad();
    }
}
