using BotCapturer.CPlane;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.CPlane;

public sealed class CFlowFilterTests
{
    private const TcpFlags SynAck = TcpFlags.Syn | TcpFlags.Ack;

    internal static Flow Tcp(string src, string dst, ushort dport, long startNs = 0, long durationNs = 2_000_000_000,
        long packets = 4, long bytes = 400, TcpFlags srcFlags = TcpFlags.Syn | TcpFlags.Ack, TcpFlags dstFlags = SynAck) =>
        Flow.Create(6, HostAddress.Parse(src), 40000, HostAddress.Parse(dst), dport, startNs, startNs + durationNs,
            packets / 2, bytes / 4, packets - (packets / 2), bytes - (bytes / 4), srcFlags, dstFlags);

    private static FlowVerdict Check(Flow flow, CPlaneOptions? options = null) => CFlowFilter.Check(flow, options ?? new CPlaneOptions());

    [Fact]
    public void Outbound_established_flow_is_kept() =>
        Assert.Equal(FlowVerdict.Kept, Check(Tcp("192.168.1.10", "203.0.113.5", 443)));

    [Fact]
    public void Internal_to_internal_and_inbound_are_dropped()
    {
        Assert.Equal(FlowVerdict.InternalToInternal, Check(Tcp("192.168.1.10", "10.1.2.3", 443)));
        Assert.Equal(FlowVerdict.StartedOutside, Check(Tcp("203.0.113.5", "192.168.1.10", 22)));
        Assert.Equal(FlowVerdict.LocalDestination, Check(Flow.Create(17, HostAddress.Parse("192.168.1.10"), 5353, HostAddress.Parse("224.0.0.251"), 5353, 0, 1000, 1, 100, 1, 100)));
        Assert.Equal(FlowVerdict.Kept, Check(Tcp("192.168.1.10", "10.1.2.3", 443), new CPlaneOptions { FilterInternal = false }));
    }

    [Fact]
    public void Internal_networks_are_configurable_including_ipv6()
    {
        var options = new CPlaneOptions { Internal = CidrSet.Parse(["147.32.0.0/16", "fd00::/8"]) };
        Assert.Equal(FlowVerdict.Kept, Check(Tcp("147.32.80.37", "141.193.213.21", 443), options));
        Assert.Equal(FlowVerdict.StartedOutside, Check(Tcp("192.168.1.10", "141.193.213.21", 443), options));
        Assert.Equal(FlowVerdict.InternalToInternal, Check(Tcp("fd00::1", "fd00::2", 443), options));
    }

    [Fact]
    public void Unestablished_tcp_is_dropped_unless_kept()
    {
        var attempt = Tcp("192.168.1.10", "203.0.113.5", 23, packets: 2, srcFlags: TcpFlags.Syn, dstFlags: TcpFlags.Rst | TcpFlags.Ack);
        Assert.Equal(FlowVerdict.NotEstablished, Check(attempt));
        var midstream = Tcp("192.168.1.10", "203.0.113.5", 443, srcFlags: TcpFlags.Ack | TcpFlags.Psh, dstFlags: TcpFlags.Ack);
        Assert.Equal(FlowVerdict.NotEstablished, Check(midstream));
        Assert.Equal(FlowVerdict.Kept, Check(attempt, new CPlaneOptions { KeepUnestablished = true }));
    }

    [Fact]
    public void Single_packet_flows_are_dropped_by_default()
    {
        var one = Flow.Create(17, HostAddress.Parse("192.168.1.10"), 11694, HostAddress.Parse("1.32.117.244"), 43152, 0, 0, 1, 60, 0, 0);
        Assert.Equal(FlowVerdict.SinglePacket, Check(one));
        Assert.Equal(FlowVerdict.Kept, Check(one, new CPlaneOptions { KeepSinglePacket = true }));
    }

    [Fact]
    public void Whitelisted_destinations_are_dropped()
    {
        var options = new CPlaneOptions { Whitelist = CidrSet.Parse(["203.0.113.0/24", "198.51.100.7"]) };
        Assert.Equal(FlowVerdict.Whitelisted, Check(Tcp("192.168.1.10", "203.0.113.5", 443), options));
        Assert.Equal(FlowVerdict.Whitelisted, Check(Tcp("192.168.1.10", "198.51.100.7", 443), options));
        Assert.Equal(FlowVerdict.Kept, Check(Tcp("192.168.1.10", "198.51.100.8", 443), options));
    }

    [Fact]
    public void Cidr_sets_parse_and_match()
    {
        var set = CidrSet.Parse(["10.0.0.0/8", "172.16.0.0/12", "2001:db8::/32", "192.0.2.1"]);
        Assert.True(set.Contains(HostAddress.Parse("10.255.0.1")));
        Assert.True(set.Contains(HostAddress.Parse("172.31.255.255")));
        Assert.False(set.Contains(HostAddress.Parse("172.32.0.1")));
        Assert.True(set.Contains(HostAddress.Parse("2001:db8:1::5")));
        Assert.False(set.Contains(HostAddress.Parse("2001:db9::5")));
        Assert.True(set.Contains(HostAddress.Parse("192.0.2.1")));
        Assert.False(set.Contains(HostAddress.Parse("192.0.2.2")));
        Assert.True(CidrSet.Parse(["0.0.0.0/0"]).Contains(HostAddress.Parse("8.8.8.8")));
        Assert.Throws<FormatException>(() => CidrSet.Parse(["10.0.0.0/33"]));
        Assert.Throws<FormatException>(() => CidrSet.Parse(["not-an-address"]));
    }
}
