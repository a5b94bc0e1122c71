namespace BotCapturer.Vote;

/// <summary>
/// Agglomerative hierarchical clustering with average linkage (UPGMA, Sokal and Michener 1958) on a similarity
/// matrix: repeatedly merge the two clusters with the highest mean pairwise similarity while it is at least the cut.
/// </summary>
public static class AverageLinkage
{
    /// <summary>Clusters items 0..n-1; returns the clusters (each sorted) in order of their smallest item.</summary>
    public static List<List<int>> Cluster(double[,] similarity, double cut)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        var n = similarity.GetLength(0);
        var members = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var alive = Enumerable.Repeat(true, n).ToArray();

        // sum[i,j]: total pairwise similarity between clusters i and j (mean = sum / (|i||j|)).
        var sum = (double[,])similarity.Clone();
        while (true)
        {
            var (bi, bj, best) = (-1, -1, double.NegativeInfinity);
            for (var i = 0; i < n; i++)
            {
                if (!alive[i])
                {
                    continue;
                }

                for (var j = i + 1; j < n; j++)
                {
                    if (!alive[j])
                    {
                        continue;
                    }

                    var mean = sum[i, j] / (members[i].Count * members[j].Count);
                    if (mean > best)
                    {
                        (bi, bj, best) = (i, j, mean);
                    }
                }
            }

            if (bi < 0 || best < cut)
            {
                break;
            }

            for (var k = 0; k < n; k++)
            {
                if (alive[k] && k != bi && k != bj)
                {
                    sum[bi, k] += sum[bj, k];
                    sum[k, bi] = sum[bi, k];
                }
            }

            members[bi].AddRange(members[bj]);
            alive[bj] = false;
        }

        return [.. Enumerable.Range(0, n).Where(i => alive[i]).Select(i => members[i].Order().ToList())];
    }
}
