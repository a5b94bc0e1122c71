using BotCapturer.Vote;

namespace BotCapturer.Tests.Vote;

public sealed class GroupingTests
{
    [Theory]
    [InlineData(2, 0, 0, 0)] // A-plane alone relates nobody (BotMiner §3.5)
    [InlineData(0, 3, 0, 0)] // nor the C-plane alone
    [InlineData(0, 0, 1, 0)] // nor a shared egonet alone
    [InlineData(1, 1, 0, 2)]
    [InlineData(2, 1, 0, 3)]
    [InlineData(0, 2, 1, 3)]
    [InlineData(1, 0, 1, 2)]
    [InlineData(1, 1, 1, 3)]
    public void Similarity_counts_a_plane_only_when_another_plane_confirms(int a, int c, int g, double expected) =>
        Assert.Equal(expected, HostSimilarity.Of(a, c, g));

    [Fact]
    public void Average_linkage_stops_at_the_cut_where_single_linkage_would_chain()
    {
        var s = new double[4, 4];
        void Set(int i, int j, double v) => s[i, j] = s[j, i] = v;
        Set(0, 1, 3);
        Set(0, 2, 3);
        Set(1, 2, 3);
        Set(0, 3, 2); // 3 relates to 0 only: mean 2/3 to {0,1,2}

        var clusters = AverageLinkage.Cluster(s, 1.0);

        Assert.Equal(2, clusters.Count);
        Assert.Equal([0, 1, 2], clusters[0]);
        Assert.Equal([3], clusters[1]);
        Assert.Single(AverageLinkage.Cluster(s, 0.5));
    }

    [Fact]
    public void Two_botnets_come_out_as_two_groups_with_their_CnC_and_benign_hosts_left_out()
    {
        // Botnet X: x1..x3 share C-cluster 0, a scan A-cluster and the egonet of cx.
        // Botnet Y: y1, y2 share C-cluster 1 (with benign b1), a spam A-cluster and the egonet of cy.
        // b2 is graph-anomalous and shares C-cluster 2 with b1: two votes, but related to no one.
        var graph = new GraphInput(
            new Dictionary<string, double> { ["cx"] = 9, ["cy"] = 8, ["b2"] = 7, ["x1"] = 5, ["x2"] = 5, ["x3"] = 5, ["y1"] = 4, ["y2"] = 4 },
            new HashSet<string> { "cx", "cy", "b2" },
            new Dictionary<string, string> { ["x1"] = "cx", ["x2"] = "cx", ["x3"] = "cx", ["y1"] = "cy", ["y2"] = "cy" });
        var inputs = new VoteInputs(
            ["b1", "b2", "b3", "cx", "cy", "x1", "x2", "x3", "y1", "y2"],
            graph,
            [new(0, ["x1", "x2", "x3"]), new(1, ["b1", "y1", "y2"]), new(2, ["b1", "b2"]), new(3, ["b3"])],
            [new(0, "scan", 2, ["x1", "x2", "x3"], "23/tcp"), new(1, "spam", 1.5, ["y1", "y2"], "smtp")]);

        var result = Voter.Vote(inputs);

        Assert.Equal(["b2", "x1", "x2", "x3", "y1", "y2"], result.Suspicious.Select(h => h.Host).Order(StringComparer.Ordinal));
        Assert.Equal(2, result.Groups.Count);
        var x = result.Groups[0];
        Assert.Equal(["x1", "x2", "x3"], x.Hosts);
        Assert.Equal(["cx"], x.Cnc);
        Assert.All(x.Evidence, e => Assert.Equal(VoteKind.Graph | VoteKind.CPlane | VoteKind.APlane | VoteKind.BotScore, e.Votes));
        Assert.Equal(3, x.Cohesion); // 1 A + 1 C + 1 egonet per pair
        var y = result.Groups[1];
        Assert.Equal(["y1", "y2"], y.Hosts);
        Assert.Equal(["cy"], y.Cnc);

        // y1's botscore: spam A-cluster ∩ C-cluster 1: 1.5·2/3.
        Assert.Equal(1.0, y.Evidence[0].BotScore, 12);
        var b2 = result.Hosts.Single(h => h.Host == "b2");
        Assert.Equal(VoteKind.Graph | VoteKind.CPlane, b2.Votes);
        Assert.False(result.Hosts.Single(h => h.Host == "b1").Suspicious);
        Assert.Equal(VoteKind.None, result.Hosts.Single(h => h.Host == "b3").Votes); // alone in its C-cluster
    }

    [Fact]
    public void Quorum_and_threshold_are_options()
    {
        var inputs = new VoteInputs(["a", "b"], GraphInput.Empty, [new(0, ["a", "b"])], [new(0, "scan", 1, ["a"], "x")]);

        // a: C vote, A vote, botscore 1·1/2 = 0.5.
        var strict = Voter.Vote(inputs, VoteOptions.Default with { Quorum = 4 });
        Assert.Empty(strict.Suspicious);
        var loose = Voter.Vote(inputs, VoteOptions.Default with { Quorum = 3, BotScoreThreshold = 0.5 });
        Assert.Equal(["a"], loose.Suspicious.Select(h => h.Host));
        var high = Voter.Vote(inputs, VoteOptions.Default with { Quorum = 3, BotScoreThreshold = 0.51 });
        Assert.Empty(high.Suspicious);
        Assert.Equal(2, high.Hosts[0].VoteCount);
    }

    [Fact]
    public void A_C_cluster_talking_only_to_one_even_weighted_server_confirms_it_as_CnC()
    {
        // C0: p, q both only to server s (even in the graph); C1: u, v only to popular server t (not even);
        // C2: w alone to s. p and q: graph vote through s, C vote, so suspicious and grouped with s as C&C.
        var graph = new GraphInput(new Dictionary<string, double>(), new HashSet<string>(), new Dictionary<string, string>())
        {
            // s stands out: ln(evenness) has median ln 1.1 and MAD 0.095; s scores z = 14, t scores below 0.
            Evenness = new Dictionary<string, double> { ["s"] = 8, ["t"] = 1, ["x"] = 1.1, ["y"] = 1.2, ["z"] = 0.9 },
        };
        var inputs = new VoteInputs(
            ["p", "q", "u", "v", "w", "s", "t"],
            graph,
            [new(0, ["p", "q"], "s"), new(1, ["u", "v"], "t"), new(2, ["w"], "s"), new(3, ["p", "q", "u", "v"])],
            []);

        var result = Voter.Vote(inputs);

        Assert.Equal(["p", "q"], result.Suspicious.Select(h => h.Host).Order(StringComparer.Ordinal));
        Assert.All(result.Suspicious, h => Assert.Equal(["s"], h.Egonets));
        Assert.Equal(VoteKind.CPlane, result.Hosts.Single(h => h.Host == "u").Votes);
        Assert.Empty(result.Hosts.Single(h => h.Host == "w").Egonets); // one host alone confirms nothing
        var group = Assert.Single(result.Groups);
        Assert.Equal(["p", "q"], group.Hosts);
        Assert.Equal(["s"], group.Cnc);
        Assert.Equal(3, group.Cohesion); // C0 and C3 shared, confirmed by the shared egonet of s, which counts 1
    }
}
