namespace BotCapturer.Graph;

/// <summary>How a ranking does against ground truth: where the C&amp;C servers land and the ROC AUC.</summary>
/// <param name="CommandAndControlRanks">Rank of each labelled C&amp;C server in the graph (host, rank), best first.</param>
/// <param name="Auc">ROC AUC: labelled hosts in the graph (any role) against every unlabelled host (ties count half).</param>
/// <param name="LabelledInGraph">Labelled hosts present in the graph.</param>
/// <param name="LabelledAbsent">Labelled hosts with no edge in the graph (they cannot be ranked).</param>
/// <param name="AucWithAbsent">The AUC when every absent labelled host is counted as ranked below every host.</param>
public sealed record RankEvaluation(
    IReadOnlyList<(string Host, int Rank)> CommandAndControlRanks,
    double Auc,
    int LabelledInGraph,
    int LabelledAbsent,
    double AucWithAbsent)
{
    /// <summary>Evaluates <paramref name="scores"/> against host → role labels (role "cnc" marks a C&amp;C server).</summary>
    public static RankEvaluation Evaluate(GraphScores scores, IReadOnlyDictionary<string, string> roles)
    {
        var cnc = new List<(string, int)>();
        var positives = 0;
        foreach (var (host, role) in roles)
        {
            if (scores.TryGet(host, out var s))
            {
                positives++;
                if (string.Equals(role, "cnc", StringComparison.OrdinalIgnoreCase))
                {
                    cnc.Add((host, s.Rank));
                }
            }
        }

        cnc.Sort(static (a, b) => a.Item2.CompareTo(b.Item2));
        var negatives = scores.Count - positives;
        var absent = roles.Count - positives;

        // Mann–Whitney U over the ranking, ascending, ties sharing their average rank.
        var ranked = scores.Ranked;
        double rankSum = 0;
        var i = ranked.Count - 1;
        var position = 1;
        while (i >= 0)
        {
            var j = i;
            while (j > 0 && ranked[j - 1].Score == ranked[i].Score)
            {
                j--;
            }

            var tied = i - j + 1;
            var average = position + ((tied - 1) / 2.0);
            for (var k = j; k <= i; k++)
            {
                if (roles.ContainsKey(ranked[k].Host))
                {
                    rankSum += average;
                }
            }

            position += tied;
            i = j - 1;
        }

        var u = rankSum - (positives * (positives + 1) / 2.0);
        var auc = positives > 0 && negatives > 0 ? u / ((double)positives * negatives) : double.NaN;
        var allPositives = positives + absent;
        var aucWithAbsent = allPositives > 0 && negatives > 0 ? u / ((double)allPositives * negatives) : double.NaN;
        return new RankEvaluation(cnc, auc, positives, absent, aucWithAbsent);
    }
}
