using System.Security.Cryptography;
using BotCapturer.Generation;

namespace BotCapturer.Tests.Generation;

public sealed class DeterminismTests
{
    private static readonly ScenarioOptions Small = new()
    {
        Duration = TimeSpan.FromMinutes(15),
        BenignHosts = 8,
        BotsA = 2,
        BotsB = 2,
    };

    [Fact]
    public void Same_seed_gives_byte_identical_capture_and_labels()
    {
        var (first, firstLabels) = Generate(Small);
        var (second, secondLabels) = Generate(Small);
        Assert.True(first.Length > 10_000);
        Assert.Equal(SHA256.HashData(first), SHA256.HashData(second));
        Assert.Equal(firstLabels, secondLabels);
    }

    [Fact]
    public void Another_seed_gives_another_capture()
    {
        var (first, _) = Generate(Small);
        var (other, _) = Generate(Small with { Seed = 2 });
        Assert.NotEqual(SHA256.HashData(first), SHA256.HashData(other));
    }

    [Fact]
    public void Nanosecond_option_changes_only_the_timestamp_resolution()
    {
        var (micro, _) = Generate(Small);
        var (nano, _) = Generate(Small with { Nanoseconds = true });
        var microPackets = PcapFile.Read(micro).Packets;
        var nanoPackets = PcapFile.Read(nano).Packets;
        Assert.Equal(microPackets.Count, nanoPackets.Count);
        for (var i = 0; i < microPackets.Count; i++)
        {
            Assert.Equal(microPackets[i].Frame, nanoPackets[i].Frame);
            Assert.Equal(microPackets[i].Record.TimestampNs, nanoPackets[i].Record.TimestampNs / 1000 * 1000);
        }
    }

    [Fact]
    public void Capture_stays_within_its_duration_and_in_time_order()
    {
        var (bytes, _) = Generate(Small);
        var packets = PcapFile.Read(bytes).Packets;
        var start = Small.Start.ToUnixTimeMilliseconds() * 1_000_000L;
        Assert.True(packets[0].Record.TimestampNs >= start);
        Assert.True(packets[^1].Record.TimestampNs < start + (Small.Duration.Ticks * 100));
        for (var i = 1; i < packets.Count; i++)
        {
            Assert.True(packets[i].Record.TimestampNs >= packets[i - 1].Record.TimestampNs);
        }
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => TrafficGenerator.Generate(Small with { Scale = 0 }, stream, null, CancellationToken.None));
        Assert.NotNull((Small with { PeriodA = TimeSpan.FromSeconds(1), JitterA = TimeSpan.FromSeconds(2) }).Validate());
        Assert.Null(Small.Validate());
    }

    internal static (byte[] Capture, string Labels) Generate(ScenarioOptions options)
    {
        using var stream = new MemoryStream();
        using var labels = new StringWriter();
        TrafficGenerator.Generate(options, stream, labels, CancellationToken.None);
        return (stream.ToArray(), labels.ToString());
    }
}
