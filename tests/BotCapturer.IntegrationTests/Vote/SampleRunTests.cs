using BotCapturer.Evaluation;
using BotCapturer.IntegrationTests.Capture;
using Xunit.Abstractions;

namespace BotCapturer.IntegrationTests.Vote;

/// <summary>Issue #8 on the project's generated sample: two botnets with different C&amp;C servers, scanning and benign hosts.</summary>
public sealed class SampleRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Both_botnets_come_out_as_separate_groups_with_every_bot_and_no_benign_host()
    {
        var sample = Path.Combine(SharedData.RepoRoot, "data", "sample.pcap");
        var labelsPath = Path.Combine(SharedData.RepoRoot, "data", "sample-labels.csv");
        using var run = await RunOutput.RunAsync(sample, "--labels", labelsPath);
        output.WriteLine(run.Stdout);
        var labels = LabelParser.Parse(File.ReadLines(labelsPath), labelsPath);

        var families = labels.Values.Where(l => l.IsBot).GroupBy(l => l.Family).ToList();
        Assert.Equal(2, families.Count);
        foreach (var family in families)
        {
            var bots = family.Select(l => l.Host).ToHashSet();
            var holding = run.Groups.Where(g => g.Hosts.Any(bots.Contains)).ToList();
            var group = Assert.Single(holding);
            Assert.Equal(bots.Order(StringComparer.Ordinal), group.Hosts.Order(StringComparer.Ordinal));
        }

        Assert.Equal(2, run.Groups.Count);
        var report = Evaluator.Evaluate(labels, run.Hosts, run.Suspicious, run.Groups);
        Assert.Equal(0, report.Bots.FalsePositives);
        Assert.Equal(0, report.Bots.FalseNegatives);

        // The same numbers through botengine eval.
        var (code, stdout, _) = await InProcess.CliAsync("eval", "--labels", labelsPath, "--result", run.Folder);
        Assert.Equal(0, code);
        Assert.Contains("bots       TP 11 FP 0 FN 0", stdout, StringComparison.Ordinal);
        Assert.Contains("groups     2: pure 2, mixing families 0, with benign hosts 0; families found whole in one group 2/2", stdout, StringComparison.Ordinal);
    }
}
