using BotCapturer.Cli;
using BotCapturer.Cli.Options;
using BotCapturer.CPlane;
using BotCapturer.Net;

namespace BotCapturer.Tests.CPlane;

public sealed class CPlaneVerbTests
{
    [Fact]
    public void Defaults_are_botminer_s()
    {
        var parsed = CliParser.Parse(["cplane", "x.pcap"]);
        var verb = Assert.IsType<CPlaneVerb>(parsed.Options);
        var options = verb.CPlane!;
        Assert.Equal(TimeSpan.FromDays(1), options.Epoch);
        Assert.Null(options.FphWindow);
        Assert.Equal(ClusterMethod.XMeans, options.Method);
        Assert.True(options.Internal.Contains(HostAddress.Parse("192.168.1.1")));
        Assert.True(options.Internal.Contains(HostAddress.Parse("fd12::1")));
        Assert.False(options.KeepSinglePacket);
    }

    [Fact]
    public void Options_from_the_shared_interface_are_parsed()
    {
        var parsed = CliParser.Parse(["cplane", "x.pcap", "--epoch", "6h", "--fph-window", "30m", "--cluster", "dbscan", "--eps", "0.2",
            "--min-samples", "4", "--kmax", "10", "--seed", "7", "--internal", "147.32.0.0/16", "--keep-single-packet", "--out", "dir"]);
        var verb = Assert.IsType<CPlaneVerb>(parsed.Options);
        var options = verb.CPlane!;
        Assert.Equal(TimeSpan.FromHours(6), options.Epoch);
        Assert.Equal(TimeSpan.FromMinutes(30), options.FphWindow);
        Assert.Equal(ClusterMethod.Dbscan, options.Method);
        Assert.Equal(0.2, options.Eps);
        Assert.Equal(4, options.MinSamples);
        Assert.Equal(10, options.KMax);
        Assert.Equal(7, options.Seed);
        Assert.True(options.Internal.Contains(HostAddress.Parse("147.32.80.37")));
        Assert.False(options.Internal.Contains(HostAddress.Parse("192.168.1.1")));
        Assert.True(options.KeepSinglePacket);
        Assert.Equal("dir", verb.Out);
    }

    [Theory]
    [InlineData("--epoch", "soon", "--epoch")]
    [InlineData("--fph-window", "2d", "--fph-window")]
    [InlineData("--cluster", "kmeans", "--cluster")]
    [InlineData("--internal", "10.0.0.0/40", "--internal")]
    [InlineData("--whitelist", "/nonexistent/list.txt", "--whitelist")]
    public void Bad_values_are_one_clear_error(string option, string value, string named)
    {
        var parsed = CliParser.Parse(["cplane", "x.pcap", option, value]);
        Assert.False(parsed.ShouldRun);
        Assert.Equal(ExitCodes.BadInput, parsed.ExitCode);
        Assert.Contains(named, parsed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitelist_file_is_read_with_comments()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["# popular servers", "8.8.8.8", "203.0.113.0/24  # a block", ""]);
            var verb = Assert.IsType<CPlaneVerb>(CliParser.Parse(["cplane", "x.pcap", "--whitelist", path]).Options);
            Assert.True(verb.CPlane!.Whitelist.Contains(HostAddress.Parse("203.0.113.9")));
            Assert.True(verb.CPlane!.Whitelist.Contains(HostAddress.Parse("8.8.8.8")));
            Assert.Equal(2, verb.CPlane!.Whitelist.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Durations_parse_with_units()
    {
        Assert.True(CPlaneOptionParser.TryParseDuration("90", out var s));
        Assert.Equal(TimeSpan.FromSeconds(90), s);
        Assert.True(CPlaneOptionParser.TryParseDuration("1.5h", out var h));
        Assert.Equal(TimeSpan.FromMinutes(90), h);
        Assert.False(CPlaneOptionParser.TryParseDuration("-1m", out _));
        Assert.False(CPlaneOptionParser.TryParseDuration("3w", out _));
    }
}
