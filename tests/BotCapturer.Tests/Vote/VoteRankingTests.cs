using BotCapturer.Vote;

namespace BotCapturer.Tests.Vote;

/// <summary>The verdicts' order and the verdicts of hosts with nothing but a graph opinion.</summary>
public sealed class VoteRankingTests
{
    [Fact]
    public void Ranking_sorts_as_the_full_comparison_does_with_many_ties()
    {
        var random = new Random(5);
        var verdicts = new List<HostVerdict>();
        for (var i = 0; i < 3000; i++)
        {
            // Few distinct values per key, so that hosts tie down to every key in turn, and to the host text.
            var votes = (VoteKind)random.Next(16);
            verdicts.Add(new HostVerdict(
                $"10.{random.Next(3)}.{random.Next(40)}.{i}",
                random.Next(4) == 0,
                votes,
                random.Next(3) * 0.5,
                random.Next(3) * 1.25,
                false,
                [],
                [],
                [],
                random.Next(3),
                random.Next(3) == 0 ? new BeaconInput(random.Next(2) + 1, "t", 3, 60) : null));
        }

        var expected = verdicts.ToList();
        expected.Sort(FullComparison);

        Assert.Equal(expected.Select(v => v.Host), Voter.BySuspicion(verdicts).Select(v => v.Host));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(0, true)]
    public void A_host_with_only_a_graph_opinion_gets_its_score_and_planes_and_no_vote(int quorum, bool suspicious)
    {
        var graph = new GraphInput(
            new Dictionary<string, double>(StringComparer.Ordinal) { ["10.0.0.1"] = 1.5, ["10.0.0.2"] = 2.5 },
            new HashSet<string>(StringComparer.Ordinal),
            new Dictionary<string, string>(StringComparer.Ordinal))
        {
            Evenness = new Dictionary<string, double>(StringComparer.Ordinal) { ["10.0.0.1"] = 0.4, ["10.0.0.2"] = 0 },
        };
        var inputs = new VoteInputs(["10.0.0.3"], graph, [], []);

        var hosts = Voter.Vote(inputs, VoteOptions.Default with { Quorum = quorum }).Hosts.ToDictionary(h => h.Host);

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], hosts.Keys.Order(StringComparer.Ordinal));
        Assert.All(hosts.Values, h => Assert.Equal(suspicious, h.Suspicious));
        Assert.All(hosts.Values, h => Assert.Equal(VoteKind.None, h.Votes));
        Assert.Equal((1.5, 1), (hosts["10.0.0.1"].GraphScore, hosts["10.0.0.1"].Planes));
        Assert.Equal((2.5, 0), (hosts["10.0.0.2"].GraphScore, hosts["10.0.0.2"].Planes));
        Assert.Equal((0.0, 0), (hosts["10.0.0.3"].GraphScore, hosts["10.0.0.3"].Planes));
    }

    [Fact]
    public void Vote_names_cover_every_combination()
    {
        Assert.Equal(string.Empty, Verdict(VoteKind.None).VoteNames);
        Assert.Equal("graph+botscore", Verdict(VoteKind.Graph | VoteKind.BotScore).VoteNames);
        Assert.Equal("graph+cplane+aplane+botscore", Verdict(VoteKind.Graph | VoteKind.CPlane | VoteKind.APlane | VoteKind.BotScore).VoteNames);
        Assert.Equal("cplane+aplane", Verdict(VoteKind.CPlane | VoteKind.APlane).VoteNames);
    }

    private static HostVerdict Verdict(VoteKind votes) => new("h", false, votes, 0, 0, false, [], [], []);

    /// <summary>The order hosts.csv documents, written out on the verdicts themselves.</summary>
    private static int FullComparison(HostVerdict a, HostVerdict b)
    {
        var c = b.Suspicious.CompareTo(a.Suspicious);
        c = c != 0 ? c : b.VoteCount.CompareTo(a.VoteCount);
        c = c != 0 ? c : b.BotScore.CompareTo(a.BotScore);
        c = c != 0 ? c : (b.Beacon?.Strength ?? 0).CompareTo(a.Beacon?.Strength ?? 0);
        c = c != 0 ? c : b.Planes.CompareTo(a.Planes);
        c = c != 0 ? c : b.GraphScore.CompareTo(a.GraphScore);
        return c != 0 ? c : string.CompareOrdinal(a.Host, b.Host);
    }
}
