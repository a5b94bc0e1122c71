using BotCapturer.Graph;

namespace BotCapturer.Tests.Graph;

public sealed class RankEvaluationTests
{
    [Fact]
    public void Auc_CountsPairsAndHalfTies()
    {
        // A star c with leaves at 10, 10, 10, 30 packets and a separate pair x-y. Scores are whatever the scorer
        // gives; the AUC is checked against a direct count of (labelled, unlabelled) pairs.
        var graph = GraphTestGraphs.Build("c-a:10", "c-b:10", "c-d:10", "c-e:30", "x-y:5");
        var scores = GraphScorer.Score(graph);
        var roles = new Dictionary<string, string> { ["c"] = "cnc", ["a"] = "bot", ["missing"] = "bot" };
        var evaluation = RankEvaluation.Evaluate(scores, roles);

        var positives = scores.Ranked.Where(s => roles.ContainsKey(s.Host)).ToList();
        var negatives = scores.Ranked.Where(s => !roles.ContainsKey(s.Host)).ToList();
        var wins = positives.Sum(p => negatives.Sum(q => p.Score > q.Score ? 1.0 : p.Score == q.Score ? 0.5 : 0));
        Assert.Equal(wins / (positives.Count * negatives.Count), evaluation.Auc, 12);
        Assert.Equal(wins / (3.0 * negatives.Count), evaluation.AucWithAbsent, 12);
        Assert.Equal(2, evaluation.LabelledInGraph);
        Assert.Equal(1, evaluation.LabelledAbsent);
        Assert.Equal("c", Assert.Single(evaluation.CommandAndControlRanks).Host);
    }
}
