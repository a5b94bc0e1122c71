using BotCapturer.Graph;

namespace BotCapturer.Tests.Graph;

public sealed class GraphScorerTests
{
    private static readonly SyntheticGraphSpec Spec = new() { Hosts = 3000, EdgesPerHost = 4, Botnets = 2, MinBots = 25, MaxBots = 40, Jitter = 0.1, Seed = 11 };

    [Fact]
    public void PlantedCommandAndControl_RankFirstAndLendVotesToTheirBots()
    {
        var graph = SyntheticGraph.Generate(Spec, out var cnc, out var bots).Build();
        var scores = GraphScorer.Score(graph);

        Assert.Equal(cnc.Order(), scores.Ranked.Take(2).Select(s => s.Host).Order());
        Assert.All(cnc, c => Assert.Contains(scores.Anomalous, s => s.Host == c));
        foreach (var bot in bots)
        {
            Assert.True(scores.TryGet(bot, out var s));
            Assert.NotNull(s.EgonetOf);
            Assert.Contains(s.EgonetOf, cnc);
            Assert.Contains(bot, scores.EgonetMembers[s.EgonetOf!]);
        }

        // Members rank below every anomalous host and above every host with no evidence of its own.
        var lowestAnomalous = scores.Anomalous.Min(s => s.Score);
        var members = scores.Ranked.Where(s => s.EgonetOf is not null && !s.IsAnomalous).ToList();
        Assert.All(members, m => Assert.True(m.Score < lowestAnomalous));
        Assert.All(members, m => Assert.True(m.Score >= m.OwnScore));
    }

    [Fact]
    public void Ranked_IsSortedWithRanksAndComponentsAddUp()
    {
        var graph = SyntheticGraph.Generate(Spec with { Botnets = 1 }, out _, out _).Build();
        var scores = GraphScorer.Score(graph);
        Assert.Equal(graph.NodeCount, scores.Count);
        for (var i = 0; i < scores.Count; i++)
        {
            var s = scores.Ranked[i];
            Assert.Equal(i + 1, s.Rank);
            Assert.Equal(s.Evenness + s.Structural, s.OwnScore, 9);
            Assert.Equal(Math.Log(1 + s.OutEN + s.OutWE + s.OutLW) + Math.Log(Math.Max(1, s.Lof)), s.Structural, 9);
            Assert.Equal(graph.Degree(s.Id), s.Degree);
            if (i > 0)
            {
                Assert.True(scores.Ranked[i - 1].Score >= s.Score);
            }
        }
    }

    [Fact]
    public void SameInput_SameResult()
    {
        var first = GraphScorer.Score(SyntheticGraph.Generate(Spec, out _, out _).Build());
        var second = GraphScorer.Score(SyntheticGraph.Generate(Spec, out _, out _).Build());
        Assert.Equal(first.Ranked.Select(s => (s.Host, s.Score)), second.Ranked.Select(s => (s.Host, s.Score)));
    }

    [Fact]
    public void Model_HoldsTheFittedLaws()
    {
        var graph = SyntheticGraph.Generate(Spec, out _, out _).Build();
        var scores = GraphScorer.Score(graph);
        var f = EgonetFeatures.Compute(graph);
        var n = f.N.Select(v => (double)v).ToArray();
        var e = f.E.Select(v => (double)v).ToArray();
        Assert.Equal(PowerLaw.Fit(n, e), scores.Model.EdgesVsNeighbors);

        // OddBall: E ~ N^θ with 1 ≤ θ ≤ 2 on real graphs; a preferential-attachment graph is nearly a forest of stars.
        Assert.InRange(scores.Model.EdgesVsNeighbors.Theta, 1, 2);
        var any = scores.Ranked[^1];
        Assert.Equal(scores.Model.EdgesVsNeighbors.OutOfLine(any.N, any.E), any.OutEN, 12);
    }

    [Fact]
    public void TinyGraphs_DoNotFail()
    {
        var scores = GraphScorer.Score(GraphTestGraphs.Build("a-b:1"));
        Assert.Equal(2, scores.Count);
        Assert.Empty(scores.Anomalous);
        Assert.Equal(0, GraphScorer.Score(new HostGraphBuilder().Build()).Count);
    }
}
