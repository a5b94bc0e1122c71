using BotCapturer.Capture;

namespace BotCapturer.Tests.Capture;

public sealed class PcapParserTests
{
    // pcap file header (draft-ietf-opsawg-pcap §4): magic, 2.4, reserved, snaplen 65535, linktype 1
    private static readonly byte[] LittleEndianMicro = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0];
    private static readonly byte[] BigEndianNano = [0xA1, 0xB2, 0x3C, 0x4D, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 113];

    [Fact]
    public void Reads_little_endian_microsecond_records()
    {
        Assert.True(PcapParser.TryCreate(LittleEndianMicro, out var parser, out _));
        Assert.Equal(LinkType.Ethernet, parser!.LinkType);
        // ts 1 s + 500 us, captured 4, original 60, data
        byte[] record = [1, 0, 0, 0, 0xF4, 0x01, 0, 0, 4, 0, 0, 0, 60, 0, 0, 0, 9, 8, 7, 6];
        Assert.Equal(ReadStatus.Packet, parser.TryRead(record, out var r, out var used));
        Assert.Equal(20, used);
        Assert.Equal(1_000_500_000L, r.TimestampNs);
        Assert.Equal((16, 4, 60), (r.DataOffset, r.CapturedLength, r.OriginalLength));
    }

    [Fact]
    public void Reads_big_endian_nanosecond_records()
    {
        Assert.True(PcapParser.TryCreate(BigEndianNano, out var parser, out _));
        Assert.True(parser!.IsNanosecond);
        Assert.Equal(LinkType.LinuxSll, parser.LinkType);
        byte[] record = [0, 0, 0, 2, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0, 1, 0xAB];
        Assert.Equal(ReadStatus.Packet, parser.TryRead(record, out var r, out _));
        Assert.Equal(2_000_000_007L, r.TimestampNs);
    }

    [Fact]
    public void Incomplete_records_ask_for_more_and_bogus_lengths_are_errors()
    {
        PcapParser.TryCreate(LittleEndianMicro, out var parser, out _);
        byte[] header = [1, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0, 100, 0, 0, 0];
        Assert.Equal(ReadStatus.NeedMoreData, parser!.TryRead(header, out _, out _));
        Assert.Equal(ReadStatus.NeedMoreData, parser.TryRead(header.AsSpan(0, 10), out _, out _));
        byte[] huge = [1, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0];
        Assert.Equal(ReadStatus.Error, parser.TryRead(huge, out _, out _));
        Assert.Contains("implausible", parser.Error);
        byte[] capturedOverOriginal = [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 5, 5];
        Assert.Equal(ReadStatus.BadRecord, parser.TryRead(capturedOverOriginal, out _, out var used));
        Assert.Equal(18, used);
    }

    [Fact]
    public void A_timestamp_fraction_out_of_range_is_a_bad_record()
    {
        PcapParser.TryCreate(LittleEndianMicro, out var parser, out _);
        byte[] record = [1, 0, 0, 0, 0x40, 0x42, 0x0F, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7]; // 1,000,000 us
        Assert.Equal(ReadStatus.BadRecord, parser!.TryRead(record, out _, out var used));
        Assert.Equal(17, used);
    }

    [Theory]
    [InlineData(new byte[0], "empty file")]
    [InlineData(new byte[] { 1, 2, 3 }, "too short")]
    [InlineData(new byte[] { (byte)'G', (byte)'E', (byte)'T', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "not a pcap file")]
    public void Non_captures_are_rejected_with_a_reason(byte[] header, string reason)
    {
        Assert.False(CaptureFormat.TryCreate(header, out _, out _, out var error));
        Assert.Contains(reason, error);
    }
}
