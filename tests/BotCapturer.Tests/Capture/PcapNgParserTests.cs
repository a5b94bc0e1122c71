using System.Buffers.Binary;
using BotCapturer.Capture;

namespace BotCapturer.Tests.Capture;

public sealed class PcapNgParserTests
{
    private static byte[] Block(bool bigEndian, uint type, byte[] body)
    {
        var padded = (body.Length + 3) & ~3;
        var total = 12 + padded;
        var block = new byte[total];
        Write32(block, 0, type, bigEndian);
        Write32(block, 4, (uint)total, bigEndian);
        body.CopyTo(block, 8);
        Write32(block, total - 4, (uint)total, bigEndian);
        return block;
    }

    private static void Write32(byte[] b, int offset, uint v, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(offset), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(offset), v);
        }
    }

    private static byte[] U16(ushort v, bool be) => be ? [(byte)(v >> 8), (byte)v] : [(byte)v, (byte)(v >> 8)];

    private static byte[] U32(uint v, bool be)
    {
        var b = new byte[4];
        Write32(b, 0, v, be);
        return b;
    }

    private static byte[] Shb(bool be, ushort major = 1, ushort minor = 0) =>
        Block(be, 0x0A0D0D0A, [.. U32(0x1A2B3C4D, be), .. U16(major, be), .. U16(minor, be), .. new byte[8].Select(_ => (byte)0xFF)]);

    private static byte[] Idb(bool be, ushort linkType, byte? tsresol)
    {
        byte[] options = tsresol is null ? [] : [.. U16(9, be), .. U16(1, be), tsresol.Value, 0, 0, 0, .. U16(0, be), .. U16(0, be)];
        return Block(be, 1, [.. U16(linkType, be), 0, 0, .. U32(0, be), .. options]);
    }

    private static byte[] Epb(bool be, uint iface, ulong ts, byte[] data, uint? original = null) =>
        Block(be, 6, [.. U32(iface, be), .. U32((uint)(ts >> 32), be), .. U32((uint)ts, be), .. U32((uint)data.Length, be), .. U32(original ?? (uint)data.Length, be), .. data, .. new byte[(4 - (data.Length % 4)) % 4]]);

    private static List<(ReadStatus Status, CaptureRecord Record)> ReadAll(byte[] file, out PcapNgParser parser)
    {
        parser = new PcapNgParser();
        var result = new List<(ReadStatus, CaptureRecord)>();
        var span = file.AsSpan();
        while (!span.IsEmpty)
        {
            var status = parser.TryRead(span, out var record, out var used);
            result.Add((status, record));
            if (status is ReadStatus.Error or ReadStatus.NeedMoreData)
            {
                break;
            }

            span = span[used..];
        }

        return result;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Interfaces_carry_their_own_link_type_and_resolution(bool bigEndian)
    {
        byte[] file =
        [
            .. Shb(bigEndian),
            .. Idb(bigEndian, 1, null),          // Ethernet, microseconds
            .. Idb(bigEndian, 101, 9),           // raw IP, nanoseconds
            .. Block(bigEndian, 5, new byte[8]), // interface statistics: skipped
            .. Epb(bigEndian, 0, 1_500_000, [1, 2, 3]),
            .. Epb(bigEndian, 1, 2_000_000_001, [4, 5], original: 90),
        ];
        var records = ReadAll(file, out _);
        var packets = records.Where(r => r.Status == ReadStatus.Packet).Select(r => r.Record).ToList();
        Assert.Equal(2, packets.Count);
        Assert.Equal((LinkType.Ethernet, 1_500_000_000L, 3), (packets[0].LinkType, packets[0].TimestampNs, packets[0].CapturedLength));
        Assert.Equal((LinkType.Raw, 2_000_000_001L, 90, 1), (packets[1].LinkType, packets[1].TimestampNs, packets[1].OriginalLength, packets[1].InterfaceId));
    }

    [Fact]
    public void Binary_timestamp_resolution_is_converted()
    {
        var iface = new PcapNgParser.InterfaceInfo(LinkType.Ethernet, 0, 0x80 | 10, 0); // 2^-10 s
        Assert.Equal(1_500_000_000L, iface.ToNanoseconds(1536));
    }

    [Fact]
    public void A_packet_on_an_undeclared_interface_is_a_bad_record_not_a_crash()
    {
        byte[] file = [.. Shb(false), .. Idb(false, 1, null), .. Epb(false, 7, 0, [1])];
        var records = ReadAll(file, out var parser);
        Assert.Equal(ReadStatus.BadRecord, records[^1].Status);
        Assert.Contains("interface 7", parser.Error);
    }

    [Fact]
    public void Unknown_section_versions_and_broken_lengths_are_errors()
    {
        Assert.Equal(ReadStatus.Error, ReadAll(Shb(false, major: 2), out var p1)[0].Status);
        Assert.Contains("version 2.0", p1.Error);
        var bad = Shb(false).Concat(Idb(false, 1, null)).ToArray();
        bad[^1] ^= 0xFF; // trailing length differs from the leading one
        Assert.Equal(ReadStatus.Error, ReadAll(bad, out _)[^1].Status);
    }
}
