using System.Buffers.Binary;
using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Net;

namespace BotCapturer.Tests.Generation;

public sealed class PcapWriterTests
{
    private static readonly Ipv4Header Ip = new(MacAddress.LocallyAdministered(1), MacAddress.LocallyAdministered(2), 0x0A010203, 0xC6336401, 0x1234, 64);

    [Fact]
    public void File_header_is_little_endian_microsecond_ethernet()
    {
        using var stream = new MemoryStream();
        _ = new PcapWriter(stream, snapLength: 1500);
        byte[] expected = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xDC, 0x05, 0, 0, 1, 0, 0, 0];
        Assert.Equal(expected, stream.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Packets_read_back_through_the_parser_and_decoder_unchanged(bool nanoseconds)
    {
        using var stream = new MemoryStream();
        var writer = new PcapWriter(stream, nanoseconds: nanoseconds);
        var frame = new byte[2000];
        var payload = "GET / HTTP/1.1\r\n\r\n"u8.ToArray();
        var t0 = 1_772_442_000_123_456_789L;
        var tcp = PacketBuilder.WriteTcp(frame, Ip, new TcpHeader(50000, 80, 1000, 2000, TcpFlags.Psh | TcpFlags.Ack, 64240), payload);
        writer.WritePacket(t0, frame.AsSpan(0, tcp));
        var udp = PacketBuilder.WriteUdp(frame, Ip, 53000, 53, [1, 2, 3]);
        writer.WritePacket(t0 + 1_000, frame.AsSpan(0, udp));
        var icmp = PacketBuilder.WriteIcmp(frame, Ip, 8, 0, 0x0001_0002, new byte[32]);
        writer.WritePacket(t0 + 2_000_000, frame.AsSpan(0, icmp));
        var syn = PacketBuilder.WriteTcp(frame, Ip, new TcpHeader(50001, 443, 77, 0, TcpFlags.Syn, 64240, 1460), default);
        writer.WritePacket(t0 + 3_000_000, frame.AsSpan(0, syn));

        var (parser, packets) = PcapFile.Read(stream.ToArray());
        Assert.Equal(nanoseconds, parser.IsNanosecond);
        Assert.Equal(LinkType.Ethernet, parser.LinkType);
        Assert.Equal(4, packets.Count);
        Assert.Equal(4, writer.Packets);
        Assert.Equal(stream.Length, writer.BytesWritten);
        Assert.All(packets, p => Assert.Equal(DecodeStatus.Ok, p.Status));
        var resolution = nanoseconds ? 1L : 1000L;
        Assert.Equal(t0 / resolution * resolution, packets[0].Record.TimestampNs);

        var d = packets[0].Decoded;
        Assert.Equal(HostAddress.Parse("10.1.2.3"), d.Source);
        Assert.Equal(HostAddress.Parse("198.51.100.1"), d.Destination);
        Assert.Equal((50000, 80, (byte)6, TcpFlags.Psh | TcpFlags.Ack, 1000u), (d.SourcePort, d.DestinationPort, d.Protocol, d.Flags, d.Sequence));
        Assert.Equal(payload, packets[0].Frame.AsSpan(d.PayloadOffset, d.PayloadLength).ToArray());
        Assert.Equal(20 + 20 + payload.Length, d.IpLength);

        Assert.Equal((53000, 53, (byte)17, 3), (packets[1].Decoded.SourcePort, packets[1].Decoded.DestinationPort, packets[1].Decoded.Protocol, packets[1].Decoded.WirePayloadLength));
        // the 3-byte datagram's frame is padded to Ethernet's minimum; the decoder goes by the IP length
        Assert.Equal(PacketBuilder.MinimumFrameLength, packets[1].Record.OriginalLength);
        Assert.Equal((8, 0, (byte)1), (packets[2].Decoded.SourcePort, packets[2].Decoded.DestinationPort, packets[2].Decoded.Protocol));
        Assert.Equal(TcpFlags.Syn, packets[3].Decoded.Flags);
        Assert.Equal(0, packets[3].Decoded.WirePayloadLength);
        Assert.Equal(14 + 20 + 28, packets[3].Record.OriginalLength);
    }

    [Fact]
    public void Snap_length_cuts_the_record_and_keeps_the_wire_length()
    {
        using var stream = new MemoryStream();
        var writer = new PcapWriter(stream, snapLength: 96);
        var frame = new byte[2000];
        var length = PacketBuilder.WriteTcp(frame, Ip, new TcpHeader(1, 2, 3, 4, TcpFlags.Ack, 100), new byte[1460]);
        writer.WritePacket(1_000_000_000, frame.AsSpan(0, length));

        var (parser, packets) = PcapFile.Read(stream.ToArray());
        Assert.Equal(96, parser.SnapLength);
        Assert.Equal((96, 1514), (packets[0].Record.CapturedLength, packets[0].Record.OriginalLength));
        Assert.Equal(DecodeStatus.Ok, packets[0].Status);
        Assert.Equal(1460, packets[0].Decoded.WirePayloadLength);
        Assert.Equal(1514L, writer.WireBytes);
    }

    [Fact]
    public void Timestamps_may_not_go_backwards()
    {
        using var stream = new MemoryStream();
        var writer = new PcapWriter(stream);
        writer.WritePacket(2_000_000_000, new byte[60]);
        Assert.Throws<ArgumentException>(() => writer.WritePacket(1_000_000_000, new byte[60]));
    }

    [Fact]
    public void Record_header_holds_seconds_fraction_and_lengths()
    {
        using var stream = new MemoryStream();
        var writer = new PcapWriter(stream);
        writer.WritePacket(1_500_000_001_999L, new byte[70]);
        var record = stream.ToArray().AsSpan(PcapParser.FileHeaderLength);
        Assert.Equal(1500u, BinaryPrimitives.ReadUInt32LittleEndian(record));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(record[4..])); // 1999 ns -> 1 µs
        Assert.Equal(70u, BinaryPrimitives.ReadUInt32LittleEndian(record[8..]));
        Assert.Equal(70u, BinaryPrimitives.ReadUInt32LittleEndian(record[12..]));
    }
}
