using System.Globalization;
using System.Text;
using BotCapturer.Decode;
using BotCapturer.Engine.Output;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.Output;

/// <summary>
/// The table-driven CSV row formatter against a plain reference written here with the runtime's formatting, over
/// edge values and many random flows (fixed seeds, so a failure repeats).
/// </summary>
public sealed class FlowCsvRowPropertyTests
{
    [Fact]
    public void Rows_of_edge_values_match_the_reference()
    {
        var random = new Random(20261128);
        var checkedRows = 0;
        foreach (var ns in RandomFlows.EdgeNs)
        {
            foreach (var count in RandomFlows.EdgeCounts)
            {
                var flow = RandomFlows.Create(random, startNs: ns, endNs: RandomFlows.EdgeNs[random.Next(RandomFlows.EdgeNs.Length)], counts: count);
                AssertMatchesReference(flow);
                checkedRows++;
            }
        }

        Assert.Equal(RandomFlows.EdgeNs.Length * RandomFlows.EdgeCounts.Length, checkedRows);
    }

    [Fact]
    public void Rows_of_random_flows_match_the_reference()
    {
        var random = new Random(7);
        for (var i = 0; i < 50_000; i++)
        {
            AssertMatchesReference(RandomFlows.Create(random, RandomFlows.RandomNs(random), RandomFlows.RandomNs(random), counts: null));
        }
    }

    [Fact]
    public void The_longest_row_fits_the_reserved_room()
    {
        var widest = HostAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
        var flow = Flow.Create((byte)IpProtocol.Icmpv6, widest, 65535, HostAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 65535,
            long.MinValue, long.MinValue, long.MinValue, long.MinValue, long.MinValue, long.MinValue);
        var expected = Reference(flow);
        Assert.Equal(expected, FormatRow(flow));
        Assert.True(expected.Length <= FlowCsvWriter.RowRoom - AsciiRow.Slack, $"{expected.Length} bytes");
    }

    [Fact]
    public void A_buffer_smaller_than_the_reserved_room_is_refused()
    {
        var flow = Flow.Create(6, HostAddress.Parse("1.2.3.4"), 1, HostAddress.Parse("5.6.7.8"), 2, 0, 0, 1, 60, 0, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => FlowCsvWriter.Format(flow, new byte[FlowCsvWriter.RowRoom - 1]));
    }

    private static void AssertMatchesReference(Flow flow) => Assert.Equal(Reference(flow), FormatRow(flow));

    private static string FormatRow(Flow flow)
    {
        var buffer = new byte[FlowCsvWriter.RowRoom];
        buffer.AsSpan().Fill((byte)'#'); // stale bytes must never show up in a row
        var n = FlowCsvWriter.Format(flow, buffer);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    /// <summary>The row as the issue specifies it, with nothing but the runtime's invariant formatting.</summary>
    private static string Reference(Flow f) => string.Create(CultureInfo.InvariantCulture,
        $"{Seconds(f.StartNs)},{Seconds(f.EndNs)},{ProtocolName(f.Protocol)},{f.Source.ToIPAddress()},{f.SourcePort},{f.Destination.ToIPAddress()},{f.DestinationPort},{f.SourcePackets},{f.SourceBytes},{f.DestinationPackets},{f.DestinationBytes},{f.State}\n");

    // Microseconds truncated toward zero, then seconds floored so the six decimals are never negative.
    private static string Seconds(long ns)
    {
        var micros = (decimal)(ns / 1_000);
        var seconds = decimal.Floor(micros / 1_000_000m);
        var fraction = micros - (seconds * 1_000_000m);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:000000}");
    }

    private static string ProtocolName(byte protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        58 => "icmp6",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

}
