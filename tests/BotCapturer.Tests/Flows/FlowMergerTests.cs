using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Flows;
using static BotCapturer.Tests.TestFrames;

namespace BotCapturer.Tests.Flows;

public sealed class FlowMergerTests
{
    private static List<Flow> BuildFile(params (double Seconds, byte[] Frame)[] packets)
    {
        var table = new FlowTable();
        foreach (var (s, frame) in packets)
        {
            PacketDecoder.Decode(LinkType.Ethernet, frame, frame.Length, out var p);
            table.Add(p, Seconds(s), frame.Length, frame);
        }

        table.Flush();
        return table.Completed;
    }

    [Fact]
    public void A_connection_cut_by_a_file_boundary_is_merged_whatever_the_order()
    {
        var c2s = EthIPv4Tcp("10.0.0.5", 40000, "192.0.2.1", 80, 0x10);
        var s2c = EthIPv4Tcp("192.0.2.1", 80, "10.0.0.5", 40000, 0x10);
        var first = BuildFile((100, EthIPv4Tcp("10.0.0.5", 40000, "192.0.2.1", 80, 0x02)), (100.1, EthIPv4Tcp("192.0.2.1", 80, "10.0.0.5", 40000, 0x12)), (101, c2s));
        var second = BuildFile((130, s2c), (131, c2s)); // the later file first sees the server's packet
        Assert.True(first[0].MayContinueLater);
        Assert.True(second[0].MayContinueEarlier);

        var merger = new FlowMerger();
        foreach (var f in second.Concat(first))
        {
            Assert.False(merger.Offer(f));
        }

        var merged = Assert.Single(merger.Complete());
        Assert.Equal("10.0.0.5", merged.Source.ToString());
        Assert.Equal((3L, 2L), (merged.SourcePackets, merged.DestinationPackets));
        Assert.Equal("S1", merged.State);
    }

    [Fact]
    public void Partials_that_start_at_the_same_moment_merge_the_same_whatever_order_they_arrive_in()
    {
        // Three partials of one key (a broadcast seen in several captures): two start at the same moment but differ,
        // so which of them absorbs the third depends on their order unless the merger orders them fully.
        var a = BotCapturer.Net.HostAddress.Parse("0.0.0.0");
        var b = BotCapturer.Net.HostAddress.Parse("255.255.255.255");
        Flow Partial(long startS, long endS, long packets, bool earlier, bool later) => Flow.Create(
            17, a, 68, b, 67, startS * 1_000_000_000, endS * 1_000_000_000, packets, packets * 342, 0, 0,
            mayContinueEarlier: earlier, mayContinueLater: later);

        string Merged(IEnumerable<Flow> order)
        {
            var merger = new FlowMerger();
            foreach (var f in order)
            {
                merger.Offer(f);
            }

            return string.Join(" | ", merger.Complete()
                .OrderBy(f => f.StartNs).ThenBy(f => f.SourcePackets)
                .Select(f => $"{f.StartNs} {f.EndNs} {f.SourcePackets} {f.MayContinueLater}"));
        }

        // Merging changes the flows it absorbs into, so every round gets new ones.
        Flow[] Partials() => [Partial(100, 110, 1, earlier: false, later: true), Partial(100, 120, 3, earlier: false, later: true), Partial(130, 140, 5, earlier: true, later: false)];
        var expected = Merged(Partials());
        Assert.Equal($"{100_000_000_000} {110_000_000_000} 1 True | {100_000_000_000} {140_000_000_000} 8 False", expected);
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(expected, Merged(Partials().OrderBy(_ => random.Next())));
        }
    }

    [Fact]
    public void Complete_flows_pass_straight_through_and_distant_partials_stay_apart()
    {
        var closed = BuildFile((1, EthIPv4Tcp("10.0.0.5", 1, "192.0.2.1", 80, 0x02)), (1.1, EthIPv4Tcp("192.0.2.1", 80, "10.0.0.5", 1, 0x04)));
        var merger = new FlowMerger();
        Assert.True(merger.Offer(closed[0]));

        var udp = Ethernet(0x0800, IPv4("10.0.0.5", "10.0.0.53", 17, Udp(5353, 53, [1])));
        var a = BuildFile((10, udp));
        var b = BuildFile((500, udp)); // far beyond the 60 s UDP timeout
        merger.Offer(a[0]);
        merger.Offer(b[0]);
        Assert.Equal(2, merger.Complete().Count);
    }
}
