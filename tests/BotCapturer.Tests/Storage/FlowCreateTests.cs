using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.Storage;

/// <summary>Flows rebuilt from storage must key and merge like the flows the table built.</summary>
public sealed class FlowCreateTests
{
    [Theory]
    [InlineData(6, "10.0.0.9", 51000, "10.0.0.1", 80)]
    [InlineData(6, "10.0.0.1", 80, "10.0.0.9", 51000)]
    [InlineData(17, "10.0.0.5", 53, "10.0.0.5", 40000)]
    [InlineData(1, "192.0.2.9", 8, "192.0.2.1", 0)]
    [InlineData(58, "2001:db8::1", 128, "2001:db8::2", 0)]
    public void The_key_is_canonical_and_the_source_stays_the_initiator(byte protocol, string source, int sourcePort, string destination, int destinationPort)
    {
        var flow = Flow.Create(protocol, HostAddress.Parse(source), (ushort)sourcePort, HostAddress.Parse(destination), (ushort)destinationPort, 0, 1, 1, 60, 0, 0);
        var packet = new DecodedPacket(HostAddress.Parse(source), HostAddress.Parse(destination), (ushort)sourcePort, (ushort)destinationPort, protocol, TcpFlags.None, 0, 0, 0);
        Assert.Equal(FlowKey.FromPacket(packet, out _), flow.Key);
        Assert.Equal(HostAddress.Parse(source), flow.Source);
        Assert.Equal(HostAddress.Parse(destination), flow.Destination);
        Assert.Equal(sourcePort, flow.SourcePort);
        Assert.Equal(destinationPort, flow.DestinationPort);
    }

    [Fact]
    public void Stored_partials_of_one_connection_merge_even_when_the_later_one_was_seen_the_other_way_round()
    {
        var a = HostAddress.Parse("10.0.0.9");
        var b = HostAddress.Parse("10.0.0.1");
        var first = Flow.Create(6, a, 51000, b, 80, 0, 1_000, 3, 180, 2, 120, sourceSentSyn: true, destinationSentSynAck: true, mayContinueLater: true);
        var second = Flow.Create(6, b, 80, a, 51000, 2_000, 3_000, 4, 400, 5, 300, mayContinueEarlier: true);
        var merger = new FlowMerger();
        Assert.False(merger.Offer(first));
        Assert.False(merger.Offer(second));
        var merged = Assert.Single(merger.Complete());
        Assert.Equal(a, merged.Source);
        Assert.Equal(3 + 5, merged.SourcePackets);
        Assert.Equal(2 + 4, merged.DestinationPackets);
        Assert.Equal(3_000, merged.EndNs);
    }
}
