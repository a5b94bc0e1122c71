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
    private static readonly long[] EdgeNs =
    [
        0, 1, 999, 1_000, 1_001, 999_999_999, 1_000_000_000, -1, -999, -1_000, -1_001, -1_500, -999_999, -1_000_000,
        -1_000_000_000, -1_000_000_001, long.MinValue, long.MinValue + 1, long.MaxValue, long.MaxValue - 1,
        999_999_999_999_999_999, 1_000_000_000_000_000_000, 1_000_000_000_000_000_001, 1_262_345_678_123_456_789,
        1_262_345_678_000_000_000, 1_262_345_678_999_999_999, 4_294_967_295_999_999_999, 4_294_967_296_000_000_000,
        9_999_999_999_999_999, 1_234_567_890_987_654_321, -2_208_988_800_000_000_000,
    ];

    private static readonly long[] EdgeCounts = BuildEdgeCounts();

    private static readonly string[] EdgeAddresses =
    [
        "0.0.0.0", "255.255.255.255", "1.2.3.4", "9.10.99.100", "100.10.1.0", "10.0.0.255", "::", "::1",
        "2001:db8::1", "fe80::1:2:3:4", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:2:3:4:5:6:7:8", "::ffff:0:102:304",
    ];

    private static readonly byte[] Protocols = [(byte)IpProtocol.Tcp, (byte)IpProtocol.Udp, (byte)IpProtocol.Icmp, (byte)IpProtocol.Icmpv6, 0, 47, 255];

    [Fact]
    public void Rows_of_edge_values_match_the_reference()
    {
        var random = new Random(20261128);
        var checkedRows = 0;
        foreach (var ns in EdgeNs)
        {
            foreach (var count in EdgeCounts)
            {
                var flow = RandomFlow(random, startNs: ns, endNs: EdgeNs[random.Next(EdgeNs.Length)], counts: count);
                AssertMatchesReference(flow);
                checkedRows++;
            }
        }

        Assert.Equal(EdgeNs.Length * EdgeCounts.Length, checkedRows);
    }

    [Fact]
    public void Rows_of_random_flows_match_the_reference()
    {
        var random = new Random(7);
        for (var i = 0; i < 50_000; i++)
        {
            AssertMatchesReference(RandomFlow(random, RandomNs(random), RandomNs(random), counts: null));
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

    private static Flow RandomFlow(Random random, long startNs, long endNs, long? counts)
    {
        var protocol = Protocols[random.Next(Protocols.Length)];
        return Flow.Create(protocol, RandomAddress(random), RandomPort(random), RandomAddress(random), RandomPort(random), startNs, endNs,
            counts ?? RandomCount(random), counts ?? RandomCount(random), counts ?? RandomCount(random), counts ?? RandomCount(random),
            (TcpFlags)random.Next(256), (TcpFlags)random.Next(256),
            sourceSentSyn: random.Next(2) == 0, destinationSentSynAck: random.Next(2) == 0);
    }

    private static long RandomNs(Random random) => random.Next(4) switch
    {
        0 => EdgeNs[random.Next(EdgeNs.Length)],
        1 => random.NextInt64(1_000_000_000_000_000_000, long.MaxValue), // 2001..2262: every digit random
        2 => random.NextInt64(long.MinValue, long.MaxValue),
        _ => random.NextInt64() >> random.Next(64), // every magnitude
    };

    private static long RandomCount(Random random) => random.Next(3) switch
    {
        0 => EdgeCounts[random.Next(EdgeCounts.Length)],
        1 => random.NextInt64() >> random.Next(64),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private static ushort RandomPort(Random random) => random.Next(4) switch
    {
        0 => 0,
        1 => 65535,
        _ => (ushort)(random.Next(65536) >> random.Next(16)),
    };

    private static HostAddress RandomAddress(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return HostAddress.Parse(EdgeAddresses[random.Next(EdgeAddresses.Length)]);
            case 1:
                var v6 = new byte[16];
                random.NextBytes(v6);
                v6.AsSpan(random.Next(9), random.Next(8)).Clear(); // runs of zero groups, for "::"
                return HostAddress.FromIPv6(v6);
            default:
                var v4 = new byte[4];
                random.NextBytes(v4);
                for (var i = 0; i < 4; i++)
                {
                    v4[i] >>= random.Next(8); // one, two and three digit octets alike
                }

                return HostAddress.FromIPv4(v4);
        }
    }

    private static long[] BuildEdgeCounts()
    {
        var counts = new List<long> { 0, long.MaxValue, long.MinValue, -1, uint.MaxValue, (long)uint.MaxValue + 1, 99_999_999, 100_000_000, 999_999_999_999_999_999, 1_000_000_000_000_000_000 };
        for (long p = 10; p > 0 && p <= long.MaxValue / 10; p *= 10)
        {
            counts.AddRange([p - 1, p, p + 1, -p]);
        }

        return [.. counts];
    }
}
