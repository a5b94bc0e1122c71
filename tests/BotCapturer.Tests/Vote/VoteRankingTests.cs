using BotCapturer.Vote;

namespace BotCapturer.Tests.Vote;

/// <summary>The verdicts' order and the verdicts of hosts with nothing but a graph opinion.</summary>
public sealed class VoteRankingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Walking_the_graph_ranking_gives_the_verdicts_and_order_of_a_full_sort(bool shuffled)
    {
        // Many ties on graph score and evenness, hosts with evidence among them, hosts outside the graph.
        var random = new Random(11);
        var graphHosts = Enumerable.Range(0, 3000)
            .Select(i => new RankedHost($"10.{random.Next(3)}.{random.Next(50)}.{i}", random.Next(4) * 0.75, random.Next(3) == 0 ? 0.5 : 0))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Host, StringComparer.Ordinal)
            .ToList();
        var pick = (int n) => Enumerable.Range(0, n).Select(_ => graphHosts[random.Next(graphHosts.Count)].Host).Distinct().ToList();
        var anomalous = pick(5);
        var egonetOf = pick(20).Where(h => !anomalous.Contains(h)).ToDictionary(h => h, _ => anomalous[0], StringComparer.Ordinal);
        CClusterInput[] cClusters = [new(1, [.. pick(6), "192.168.9.1"]), new(2, pick(1))];
        AClusterInput[] aClusters = [new(1, "scan", 2, [.. pick(8), "192.168.9.2"], "tcp/23"), new(2, "spam", 1, pick(4), "tcp/25")];
        var beacons = pick(10).Append("192.168.9.3").ToDictionary(h => h, h => new BeaconInput(h.Length % 3, "t", 5, 60), StringComparer.Ordinal);
        var ranked = shuffled ? graphHosts.OrderBy(_ => random.Next()).ToList() : graphHosts;
        GraphInput Graph(IReadOnlyList<RankedHost>? order) => new(
            graphHosts.ToDictionary(h => h.Host, h => h.Score, StringComparer.Ordinal),
            anomalous.ToHashSet(StringComparer.Ordinal),
            egonetOf)
        {
            Evenness = graphHosts.ToDictionary(h => h.Host, h => h.Evenness, StringComparer.Ordinal),
            Ranked = order,
        };
        VoteInputs Inputs(IReadOnlyList<RankedHost>? order) =>
            new(["192.168.9.4", graphHosts[7].Host], Graph(order), cClusters, aClusters) { Beacons = beacons };

        var sorted = Voter.Vote(Inputs(null), VoteOptions.Default with { Quorum = 1 });
        var walked = Voter.Vote(Inputs(ranked), VoteOptions.Default with { Quorum = 1 });

        Assert.Equal(graphHosts.Count + 4, sorted.Hosts.Count); // 192.168.9.1-4: a C-cluster, an A-cluster, a beacon, seen only
        Assert.Equal(sorted.Hosts.Select(Fields), walked.Hosts.Select(Fields));
        Assert.Equal(sorted.Groups.Select(g => string.Join(' ', g.Hosts)), walked.Groups.Select(g => string.Join(' ', g.Hosts)));
        Assert.Equal(sorted.Hosts, sorted.Hosts.Order(Comparer<HostVerdict>.Create(FullComparison)));
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

    private static string Fields(HostVerdict v) =>
        $"{v.Host} {v.Suspicious} {v.Votes} {v.BotScore} {v.GraphScore} {v.GraphAnomalous} {string.Join(';', v.Egonets)} {string.Join(';', v.CClusters)} {string.Join(';', v.AClusters.Select(a => a.Id))} {v.Planes} {v.Beacon?.Strength}";

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
