using System.Globalization;
using System.IO.Hashing;
using System.Text;
using BotCapturer.Engine.Output;
using BotCapturer.Flows;

namespace BotCapturer.Tests.Output;

/// <summary>
/// The byte-buffered conn.log writer against a reference written here with string interpolation (the writer as it was
/// before AsciiRow), over edge values and random flows in several batches.
/// </summary>
public sealed class ZeekConnWriterTests
{
    private static readonly DateTime Clock = new(2026, 11, 28, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Conn_log_matches_the_reference_for_edge_and_random_flows()
    {
        var random = new Random(11);
        var flows = new List<Flow>();
        foreach (var count in RandomFlows.EdgeCounts)
        {
            flows.Add(RandomFlows.Create(random, RandomFlows.RandomNs(random), RandomFlows.RandomNs(random), count));
        }

        for (var i = 0; i < 20_000; i++)
        {
            flows.Add(RandomFlows.Create(random, RandomFlows.RandomNs(random), RandomFlows.RandomNs(random), counts: null));
        }

        using var actual = new StringWriter(CultureInfo.InvariantCulture);
        var writer = new ZeekConnWriter(actual, () => Clock);
        foreach (var batch in flows.Chunk(4096))
        {
            await writer.ConsumeAsync(batch, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);

        var expected = Reference(flows);
        Assert.True(expected.Length > 1 << 20, "the rows span many buffers");
        var actualLines = actual.ToString().Split('\n');
        var expectedLines = expected.Split('\n');
        Assert.Equal(expectedLines.Length, actualLines.Length);
        for (var i = 0; i < expectedLines.Length; i++)
        {
            Assert.Equal(expectedLines[i], actualLines[i]);
        }
    }

    [Fact]
    public async Task No_flows_give_the_headers_and_the_close_line()
    {
        using var actual = new StringWriter(CultureInfo.InvariantCulture);
        var writer = new ZeekConnWriter(actual, () => Clock);
        await writer.CompleteAsync(CancellationToken.None);
        Assert.Equal(Reference([]), actual.ToString());
    }

    private static string Reference(IReadOnlyList<Flow> flows)
    {
        var text = new StringBuilder();
        text.Append("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2026-11-28-06-00-00\n");
        text.Append("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
        text.Append("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n");
        foreach (var f in flows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{Seconds(f.StartNs)}\t{Uid(f)}\t{f.Source.ToIPAddress()}\t{f.SourcePort}\t{f.Destination.ToIPAddress()}\t{f.DestinationPort}\t{ZeekProto(f.Protocol)}\t-\t{Seconds(f.DurationNs)}\t");
            text.Append(CultureInfo.InvariantCulture,
                $"{f.SourcePayloadBytes}\t{f.DestinationPayloadBytes}\t{f.State}\t-\t-\t0\t-\t{f.SourcePackets}\t{f.SourceIpBytes}\t{f.DestinationPackets}\t{f.DestinationIpBytes}\t-\n");
        }

        text.Append("#close\t2026-11-28-06-00-00").Append(Environment.NewLine);
        return text.ToString();
    }

    // Microseconds truncated toward zero, then seconds floored so the six decimals are never negative.
    private static string Seconds(long ns)
    {
        var micros = (decimal)(ns / 1_000);
        var seconds = decimal.Floor(micros / 1_000_000m);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{micros - (seconds * 1_000_000m):000000}");
    }

    private static string ZeekProto(byte protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 or 58 => "icmp",
        _ => "unknown_transport",
    };

    // 'C' and the base-62 digits (least significant first) of the XxHash64 of the key and the start.
    private static string Uid(Flow f)
    {
        var key = new byte[48];
        BitConverter.TryWriteBytes(key.AsSpan(0), f.Key.A.High);
        BitConverter.TryWriteBytes(key.AsSpan(8), f.Key.A.Low);
        BitConverter.TryWriteBytes(key.AsSpan(16), f.Key.B.High);
        BitConverter.TryWriteBytes(key.AsSpan(24), f.Key.B.Low);
        BitConverter.TryWriteBytes(key.AsSpan(32), ((ulong)f.Key.PortA << 32) | ((ulong)f.Key.PortB << 8) | f.Protocol);
        BitConverter.TryWriteBytes(key.AsSpan(40), f.StartNs);
        var hash = XxHash64.HashToUInt64(key);
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var uid = new StringBuilder("C");
        do
        {
            uid.Append(Alphabet[(int)(hash % 62)]);
            hash /= 62;
        }
        while (hash != 0);

        return uid.ToString();
    }
}
