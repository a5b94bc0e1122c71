using System.Globalization;
using System.Text.RegularExpressions;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary>Real captures for the storage tests, and what the in-memory <c>botengine flows</c> says about them.</summary>
internal static partial class StorageTestData
{
    /// <summary>Several real captures of different formats (pcap, pcapng) and sizes, all readable to the end.</summary>
    public static string[] Captures()
    {
        SharedData.RequireShared();
        return
        [
            Path.Combine(SharedData.Captures, "chrissanders-packets"),
            Path.Combine(SharedData.Captures, "corelight-rat"),
            Path.Combine(SharedData.Captures, "ndpi-tests", "emotet.pcap"),
        ];
    }

    /// <summary>Packets and flows as <c>botengine flows</c> reports them (its summary line and its CSV rows).</summary>
    public static async Task<(long Packets, long Flows)> InMemoryCountsAsync(params string[] inputs)
    {
        var csv = Path.GetTempFileName();
        try
        {
            var outcome = await CliRunner.RunAsync(["flows", .. inputs, "-o", csv]);
            Assert.True(outcome.Exit == 0, outcome.Error);
            var match = SummaryRegex().Match(outcome.Error);
            Assert.True(match.Success, outcome.Error);
            var rows = File.ReadLines(csv).Count() - 1; // header
            var flows = long.Parse(match.Groups["flows"].Value, CultureInfo.InvariantCulture);
            Assert.Equal(flows, rows);
            return (long.Parse(match.Groups["packets"].Value, CultureInfo.InvariantCulture), flows);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [GeneratedRegex(@"(?<files>\d+) files, (?<packets>\d+) packets: .*; (?<flows>\d+) flows in")]
    private static partial Regex SummaryRegex();
}
