using System.Buffers.Binary;
using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Net;

namespace BotCapturer.Tests.Generation;

public sealed class PacketBuilderTests
{
    private static readonly Ipv4Header Ip = new(MacAddress.LocallyAdministered(0xA), MacAddress.LocallyAdministered(0xB), 0xC0A80001, 0xC0A800C7, 0x1C46, 64);

    [Fact]
    public void Checksum_matches_the_RFC_1071_example()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (with end-around carry); the checksum is its complement
        byte[] data = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7];
        Assert.Equal(0x220D, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Ipv4_header_checksum_matches_a_known_header()
    {
        // The widely used worked example: 4500 0073 0000 4000 4011 ---- c0a8 0001 c0a8 00c7 has checksum b861
        var frame = new byte[200];
        var ip = Ip with { Identification = 0, Ttl = 64 };
        PacketBuilder.WriteUdp(frame, ip, 1, 2, new byte[0x73 - 28]);
        var header = frame.AsSpan(14, 20);
        Assert.Equal(0x0073, BinaryPrimitives.ReadUInt16BigEndian(header[2..]));
        Assert.Equal(0xB861, BinaryPrimitives.ReadUInt16BigEndian(header[10..]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1460)]
    public void Tcp_udp_and_icmp_checksums_verify(int payloadLength)
    {
        var payload = new byte[payloadLength];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 7 + 3);
        }

        var frame = new byte[2000];
        var tcp = PacketBuilder.WriteTcp(frame, Ip, new TcpHeader(40000, 443, 0xFFFFFFF0, 12345, TcpFlags.Ack | TcpFlags.Psh, 65535, payloadLength == 0 ? (ushort)1460 : (ushort)0), payload);
        AssertIpv4AndTransportVerify(frame.AsSpan(0, tcp), 6);
        var udp = PacketBuilder.WriteUdp(frame, Ip, 5353, 53, payload);
        AssertIpv4AndTransportVerify(frame.AsSpan(0, udp), 17);
        var icmp = PacketBuilder.WriteIcmp(frame, Ip, 8, 0, 0xABCD0001, payload);
        AssertIpv4AndTransportVerify(frame.AsSpan(0, icmp), 1);
    }

    [Fact]
    public void Small_frames_are_padded_to_sixty_bytes_with_zeros()
    {
        var frame = new byte[100];
        frame.AsSpan().Fill(0xEE);
        var length = PacketBuilder.WriteTcp(frame, Ip, new TcpHeader(1, 2, 3, 4, TcpFlags.Rst, 0), default);
        Assert.Equal(60, length);
        Assert.All(frame[54..60], b => Assert.Equal(0, b));
        Assert.Equal(0xEE, frame[60]);
    }

    [Fact]
    public void Syn_options_carry_mss_and_sack_permitted()
    {
        var frame = new byte[100];
        PacketBuilder.WriteTcp(frame, Ip, new TcpHeader(1, 2, 3, 0, TcpFlags.Syn, 64240, 1460), default);
        var tcp = frame.AsSpan(34);
        Assert.Equal(7, tcp[12] >> 4);
        Assert.Equal(new byte[] { 2, 4, 0x05, 0xB4, 1, 1, 4, 2 }, tcp[20..28].ToArray());
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame.AsSpan(0, 62), 62, out var decoded));
        Assert.Equal(0, decoded.WirePayloadLength);
    }

    internal static void AssertIpv4AndTransportVerify(ReadOnlySpan<byte> frame, byte protocol)
    {
        Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(frame[12..]));
        var ip = frame[14..];
        var headerLength = (ip[0] & 0xF) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        Assert.Equal(protocol, ip[9]);
        // a correct checksum makes the ones' complement sum over the covered bytes 0xFFFF, i.e. Compute == 0
        Assert.Equal(0, InternetChecksum.Compute(ip[..headerLength]));
        var segment = ip[headerLength..totalLength];
        var sum = protocol == 1
            ? 0u
            : InternetChecksum.PseudoHeaderIPv4(BinaryPrimitives.ReadUInt32BigEndian(ip[12..]), BinaryPrimitives.ReadUInt32BigEndian(ip[16..]), protocol, segment.Length);
        Assert.Equal(0, InternetChecksum.Finish(InternetChecksum.Add(sum, segment)));
    }
}
