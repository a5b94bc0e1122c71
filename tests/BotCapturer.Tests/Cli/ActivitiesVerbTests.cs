using BotCapturer.APlane;
using BotCapturer.Cli;
using BotCapturer.Cli.Options;

namespace BotCapturer.Tests.Cli;

public sealed class ActivitiesVerbTests
{
    [Fact]
    public void Activities_options_parse_into_aplane_options()
    {
        var parsed = CliParser.Parse(["activities", "a.pcap", "--out", "res", "--signatures", "mine.json,more.json", "--horizontal-scan-threshold", "40"]);
        var verb = Assert.IsType<ActivitiesVerb>(parsed.Options);
        Assert.Equal("res", verb.Out);
        Assert.Equal(["mine.json", "more.json"], verb.SignatureFiles);
        var options = verb.ToAPlaneOptions(null);
        Assert.Equal(40, options.HorizontalScanThreshold);
        Assert.Equal(APlaneOptions.Default.VerticalScanThreshold, options.VerticalScanThreshold);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ScanWindow);
        Assert.Equal(APlaneOptions.RecommendedPayloadBytes, verb.APlanePayloadBytes);
    }

    [Theory]
    [InlineData(new[] { "activities", "a.pcap", "--scan-window", "0" }, "--scan-window must be positive")]
    [InlineData(new[] { "activities", "a.pcap", "--bruteforce-attempts", "1" }, "--bruteforce-attempts must be at least 2")]
    public void Bad_thresholds_are_usage_errors(string[] args, string message)
    {
        var parsed = CliParser.Parse(args);
        Assert.Equal(ExitCodes.BadInput, parsed.ExitCode);
        Assert.Contains(message, parsed.Message);
    }
}
