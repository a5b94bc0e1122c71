using System.Text;
using BotCapturer.Decode;
using BotCapturer.Engine.Output;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.Output;

public sealed class FlowCsvWriterTests
{
    [Fact]
    public async Task Writes_the_header_and_one_row_per_flow_in_UTF8()
    {
        var flows = new[]
        {
            Flow.Create(6, HostAddress.Parse("10.0.0.2"), 49152, HostAddress.Parse("192.0.2.255"), 443, 1_262_345_678_123_456_789, 1_262_345_679_000_000_000, 3, 180, 2, 120, TcpFlags.Syn | TcpFlags.Ack, TcpFlags.Syn | TcpFlags.Ack, sourceSentSyn: true, destinationSentSynAck: true),
            Flow.Create(17, HostAddress.Parse("2001:db8::1"), 53, HostAddress.Parse("2001:db8::ff"), 5353, 0, 999, 1, 90, 0, 0),
            Flow.Create(47, HostAddress.Parse("0.0.0.0"), 0, HostAddress.Parse("255.255.255.255"), 0, 10_000_000_000, 10_000_001_000, long.MaxValue, long.MaxValue, 0, 0),
        };
        using var stream = new MemoryStream();
        var writer = new FlowCsvWriter(stream);
        await writer.ConsumeAsync(flows, CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.Equal(FlowCsvWriter.Header, lines[0]);
        Assert.Equal($"1262345678.123456,1262345679.000000,tcp,10.0.0.2,49152,192.0.2.255,443,3,180,2,120,{flows[0].State}", lines[1]);
        Assert.Equal($"0.000000,0.000000,udp,2001:db8::1,53,2001:db8::ff,5353,1,90,0,0,{flows[1].State}", lines[2]);
        Assert.Equal($"10.000000,10.000001,47,0.0.0.0,0,255.255.255.255,0,{long.MaxValue},{long.MaxValue},0,0,{flows[2].State}", lines[3]);
        Assert.Equal(string.Empty, lines[4]);
    }

    [Fact]
    public async Task Fills_and_flushes_its_buffer_many_times_without_losing_a_row()
    {
        var flows = Enumerable.Range(0, 30_000)
            .Select(i => Flow.Create(6, new HostAddress(0, 0x0000_FFFF_0A00_0000UL + (ulong)i), (ushort)i, HostAddress.Parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), 80, i * 1_000_000_000L, i * 1_000_000_000L, 1, 60, 0, 0))
            .ToArray();
        using var stream = new MemoryStream();
        var writer = new FlowCsvWriter(stream);
        await writer.ConsumeAsync(flows, CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        var lines = Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n').Split('\n');
        Assert.Equal(flows.Length + 1, lines.Length);
        Assert.StartsWith("29999.000000,29999.000000,tcp,10.0.117.47,29999,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,80,1,60,0,0,", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "0.000000")]
    [InlineData(999L, "0.000000")]
    [InlineData(1_000L, "0.000001")]
    [InlineData(9_999_999_999_999_999L, "9999999.999999")]
    [InlineData(-1_000L, "-1.999999")]
    [InlineData(-1_000_000_000L, "-1.000000")]
    [InlineData(long.MaxValue, "9223372036.854775")]
    [InlineData(long.MinValue, "-9223372037.145225")]
    public void Seconds_have_six_truncated_decimals_as_chars_and_as_bytes(long ns, string expected)
    {
        Assert.Equal(expected, FlowFormatting.Seconds(ns));
        Span<byte> utf8 = stackalloc byte[32];
        Assert.True(FlowFormatting.TryFormatSeconds(ns, utf8, out var n));
        Assert.Equal(expected, Encoding.ASCII.GetString(utf8[..n]));
        Assert.False(FlowFormatting.TryFormatSeconds(ns, utf8[..(n - 1)], out _));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("9.10.99.100")]
    [InlineData("255.255.255.255")]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    [InlineData("fe80::1:2:3:4")]
    public void Addresses_format_the_same_as_UTF8_and_as_chars(string text)
    {
        var address = HostAddress.Parse(text);
        Span<byte> utf8 = stackalloc byte[64];
        Assert.True(address.TryFormat(utf8, out var n, default, null));
        Assert.Equal(address.ToString(), Encoding.ASCII.GetString(utf8[..n]));
        Assert.Equal(text, address.ToString());
    }
}
