using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Net;
using static BotCapturer.Tests.TestFrames;

namespace BotCapturer.Tests.Decode;

public sealed class PacketDecoderTests
{
    private static DecodeStatus Decode(LinkType link, byte[] frame, out DecodedPacket packet, int? originalLength = null) =>
        PacketDecoder.Decode(link, frame, originalLength ?? frame.Length, out packet);

    [Fact]
    public void Ethernet_ipv4_tcp_gives_tuple_flags_and_payload()
    {
        var frame = EthIPv4Tcp("10.0.0.1", 40000, "192.0.2.9", 80, 0x18, "GET /"u8.ToArray(), seq: 77);
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.Ethernet, frame, out var p));
        Assert.Equal(HostAddress.Parse("10.0.0.1"), p.Source);
        Assert.Equal(HostAddress.Parse("192.0.2.9"), p.Destination);
        Assert.Equal((40000, 80, (byte)6), (p.SourcePort, p.DestinationPort, p.Protocol));
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, p.Flags);
        Assert.Equal("GET /", System.Text.Encoding.ASCII.GetString(frame, p.PayloadOffset, p.PayloadLength));
        Assert.Equal(77u, p.Sequence);
        Assert.Equal(45, p.IpLength);
    }

    [Theory]
    [InlineData(new byte[] { 0x81, 0x00, 0x00, 0x0A })]
    [InlineData(new byte[] { 0x88, 0xA8, 0x00, 0x0A, 0x81, 0x00, 0x00, 0x14 })]
    public void Vlan_and_qinq_tags_are_skipped(byte[] tags)
    {
        var ip = IPv4("10.0.0.1", "10.0.0.2", 17, Udp(53, 5353, [1, 2, 3]));
        byte[] frame = [.. MacB, .. MacA, .. tags, 0x08, 0x00, .. ip];
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.Ethernet, frame, out var p));
        Assert.Equal((53, 5353, 3), (p.SourcePort, p.DestinationPort, p.PayloadLength));
    }

    [Fact]
    public void Linux_sll_and_sll2_carry_the_protocol_in_their_own_places()
    {
        var ip = IPv4("10.0.0.1", "10.0.0.2", 17, Udp(1, 2, []));
        byte[] sll = [0, 0, 0, 1, 0, 6, .. MacA, 0, 0, 0x08, 0x00, .. ip];
        byte[] sll2 = [0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, .. MacA, 0, 0, .. ip];
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.LinuxSll, sll, out _));
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.LinuxSll2, sll2, out _));
    }

    [Theory]
    [InlineData(LinkType.Null, new byte[] { 2, 0, 0, 0 })]          // AF_INET, little-endian host
    [InlineData(LinkType.Null, new byte[] { 0, 0, 0, 2 })]          // AF_INET, big-endian host
    [InlineData(LinkType.Loop, new byte[] { 0, 0, 0, 2 })]
    [InlineData(LinkType.Ppp, new byte[] { 0xFF, 0x03, 0x00, 0x21 })]
    [InlineData(LinkType.Ppp, new byte[] { 0x21 })]                  // compressed protocol field
    [InlineData(LinkType.Raw, new byte[0])]
    [InlineData(LinkType.IPv4, new byte[0])]
    public void Other_link_layers_reach_ipv4(LinkType link, byte[] prefix)
    {
        byte[] frame = [.. prefix, .. IPv4("10.0.0.1", "10.0.0.2", 6, Tcp(1, 2, 0x02))];
        Assert.Equal(DecodeStatus.Ok, Decode(link, frame, out var p));
        Assert.Equal(TcpFlags.Syn, p.Flags);
    }

    [Fact]
    public void Ipv6_extension_headers_are_walked_to_the_transport()
    {
        // hop-by-hop (8 bytes) -> destination options (8 bytes) -> UDP
        byte[] hopByHop = [60, 0, 1, 4, 0, 0, 0, 0];
        byte[] destOpts = [17, 0, 1, 4, 0, 0, 0, 0];
        var frame = Ethernet(0x86DD, IPv6("2001:db8::1", "2001:db8::2", 0, [.. hopByHop, .. destOpts, .. Udp(53, 999, [9])]));
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.Ethernet, frame, out var p));
        Assert.Equal((53, 999, (byte)17), (p.SourcePort, p.DestinationPort, p.Protocol));
        Assert.False(p.Source.IsIPv4);
    }

    [Fact]
    public void Fragments_only_the_first_carries_ports()
    {
        var first = Ethernet(0x0800, IPv4("10.0.0.1", "10.0.0.2", 17, Udp(1, 2, new byte[16]), fragment: 0x2000));
        var later = Ethernet(0x0800, IPv4("10.0.0.1", "10.0.0.2", 17, new byte[16], fragment: 0x0003));
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.Ethernet, first, out _));
        Assert.Equal(DecodeStatus.IpFragment, Decode(LinkType.Ethernet, later, out _));
        byte[] v6Frag = [17, 0, 0x00, 0x18, 0, 0, 0, 1]; // offset 3 (x8)
        Assert.Equal(DecodeStatus.IpFragment, Decode(LinkType.Ethernet, Ethernet(0x86DD, IPv6("::1", "::2", 44, [.. v6Frag, .. new byte[8]])), out _));
    }

    [Fact]
    public void Bad_headers_are_reported_by_reason_not_thrown()
    {
        var good = EthIPv4Tcp("10.0.0.1", 1, "10.0.0.2", 2, 0x02);
        Assert.Equal(DecodeStatus.Truncated, Decode(LinkType.Ethernet, good[..30], out _, good.Length));
        Assert.Equal(DecodeStatus.Truncated, Decode(LinkType.Ethernet, good[..10], out _));
        Assert.Equal(DecodeStatus.BadIpHeaderLength, Decode(LinkType.Ethernet, Ethernet(0x0800, IPv4("1.1.1.1", "2.2.2.2", 6, Tcp(1, 2, 2), ihl: 4)), out _));
        Assert.Equal(DecodeStatus.BadIpLength, Decode(LinkType.Ethernet, Ethernet(0x0800, IPv4("1.1.1.1", "2.2.2.2", 6, Tcp(1, 2, 2), totalLength: 1500)), out _));
        Assert.Equal(DecodeStatus.BadIpLength, Decode(LinkType.Ethernet, Ethernet(0x0800, IPv4("1.1.1.1", "2.2.2.2", 6, Tcp(1, 2, 2), totalLength: 10)), out _));
        Assert.Equal(DecodeStatus.BadTcpHeaderLength, Decode(LinkType.Ethernet, Ethernet(0x0800, IPv4("1.1.1.1", "2.2.2.2", 6, Tcp(1, 2, 2, dataOffsetWords: 3))), out _));
        Assert.Equal(DecodeStatus.NonIp, Decode(LinkType.Ethernet, Ethernet(0x0806, new byte[28]), out _));
        Assert.Equal(DecodeStatus.BadIpVersion, Decode(LinkType.IPv4, IPv6("::1", "::2", 59, []), out _));
        Assert.Equal(DecodeStatus.UnsupportedLinkType, Decode((LinkType)284, good, out _));
    }

    [Fact]
    public void Tso_frames_with_total_length_zero_use_the_frame_length()
    {
        var frame = Ethernet(0x0800, IPv4("10.0.0.1", "10.0.0.2", 6, Tcp(1, 2, 0x18, new byte[3000]), totalLength: 0));
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.Ethernet, frame, out var p));
        Assert.Equal(3000, p.PayloadLength);
    }

    [Fact]
    public void Snaplen_truncation_keeps_the_packet_with_what_was_captured()
    {
        var frame = EthIPv4Tcp("10.0.0.1", 1, "10.0.0.2", 2, 0x18, new byte[1000]);
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.Ethernet, frame[..96], out var p, frame.Length));
        Assert.Equal(96 - 54, p.PayloadLength);
        Assert.Equal(1000, p.WirePayloadLength);
    }

    [Fact]
    public void Icmp_type_and_code_stand_in_for_ports()
    {
        byte[] echo = [8, 0, 0, 0, 0, 1, 0, 1, 0xAA];
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.Ethernet, Ethernet(0x0800, IPv4("10.0.0.1", "10.0.0.2", 1, echo)), out var p));
        Assert.Equal((8, 0, 1), (p.SourcePort, p.DestinationPort, p.PayloadLength));
    }

    [Fact]
    public void Wifi_qos_data_frames_behind_radiotap_reach_ip()
    {
        byte[] radiotap = [0, 0, 8, 0, 0, 0, 0, 0];
        byte[] dot11 = [0x88, 0x02, 0, 0, .. MacA, .. MacB, .. MacA, 0, 0, 0, 0]; // QoS data, FromDS, 24 + 2 bytes
        byte[] snap = [0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00];
        byte[] frame = [.. radiotap, .. dot11, .. snap, .. IPv4("10.0.0.1", "10.0.0.2", 17, Udp(1, 2, []))];
        Assert.Equal(DecodeStatus.Ok, Decode(LinkType.Ieee80211Radiotap, frame, out _));
        frame[8 + 1] |= 0x40; // protected: not readable
        Assert.Equal(DecodeStatus.NonIp, Decode(LinkType.Ieee80211Radiotap, frame, out _));
    }
}
