using BotCapturer.IntegrationTests.CPlane;
using Xunit.Abstractions;

namespace BotCapturer.IntegrationTests.Vote;

/// <summary>
/// Issue #8 on the C-plane issue's composed capture: real bot traces copied onto several internal hosts over benign
/// background; each family must come out as one group holding all its copies and no other host.
/// </summary>
public sealed class ComposedRunTests(ITestOutputHelper output)
{
    private static readonly ComposedCapture.Bot[] Bots = ComposedCapture.RealBots;

    private static readonly ComposedCapture.Background[] Backgrounds = ComposedCapture.BenignBackgrounds;

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Each_family_is_one_group_with_all_its_copies_and_nothing_else(int copies)
    {
        var shared = ComposedCapture.RequireSharedAndTools();

        using var capture = ComposedCapture.Build(Path.Combine(shared, "captures"), Bots, Backgrounds, copies);
        using var run = await RunOutput.RunAsync(capture.Path);
        output.WriteLine(run.Stdout);

        foreach (var (family, addresses) in capture.Families)
        {
            var holding = run.Groups.Where(g => g.Hosts.Any(addresses.Contains)).ToList();
            Assert.True(holding.Count == 1, $"{family}: in {holding.Count} groups");
            Assert.Equal(addresses.Order(StringComparer.Ordinal), holding[0].Hosts.Order(StringComparer.Ordinal));
        }

        var bots = capture.Families.Values.SelectMany(a => a).ToHashSet();
        Assert.All(run.Groups, g => Assert.All(g.Hosts, h => Assert.Contains(h, bots)));
        Assert.DoesNotContain(run.Suspicious, capture.BenignHosts.Contains);
    }
}
