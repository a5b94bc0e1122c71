namespace BotCapturer.CPlane;

/// <summary>
/// BotMiner §4.1.2's two-step clustering: X-means on the cheap 8-d vectors splits the C-flows coarsely, then X-means
/// on the 52-d vectors refines each coarse cluster. DBSCAN on the 52-d vectors is the alternative.
/// </summary>
public static class CPlaneClusterer
{
    public static CPlaneResult Cluster(CFlowVectorSet set, CPlaneOptions options, CancellationToken cancellationToken = default)
    {
        var n = set.Vectors.Count;
        var full = set.FractionRows;
        var labels = new int[n];
        if (options.Method == ClusterMethod.Dbscan)
        {
            labels = Dbscan.Cluster(full, CFlowVector.Dimensions, n, options.Eps, options.MinSamples, out _, cancellationToken);
        }
        else if (n > 0)
        {
            var reduced = ReducedRows(set);
            var all = Enumerable.Range(0, n).ToArray();
            var coarse = new XMeans(options.KMax, options.Seed).Cluster(reduced, CFlowVector.ReducedDimensions, all, out var coarseK, cancellationToken);
            var groups = new int[coarseK][];
            var buckets = Enumerable.Range(0, coarseK).Select(_ => new List<int>()).ToArray();
            for (var i = 0; i < n; i++)
            {
                buckets[coarse[i]].Add(i);
            }

            var fine = new int[coarseK][];
            var fineK = new int[coarseK];
            // Coarse clusters are refined independently, each with a seed of its own, so running them in parallel
            // gives the same labels as running them in order.
            Parallel.For(0, coarseK, new ParallelOptions { CancellationToken = cancellationToken }, c =>
            {
                groups[c] = [.. buckets[c]];
                var seed = unchecked((options.Seed * 1_000_003) + c);
                fine[c] = new XMeans(options.KMax, seed).Cluster(full, CFlowVector.Dimensions, groups[c], out fineK[c], cancellationToken);
            });

            var next = 0;
            for (var c = 0; c < coarseK; c++)
            {
                for (var i = 0; i < groups[c].Length; i++)
                {
                    labels[groups[c][i]] = next + fine[c][i];
                }

                next += fineK[c];
            }
        }

        return Build(set, labels, options.Method);
    }

    /// <summary>Numbers clusters in the order of their first C-flow and builds the result.</summary>
    internal static CPlaneResult Build(CFlowVectorSet set, int[] labels, ClusterMethod method)
    {
        var renumber = new Dictionary<int, int>();
        var members = new List<List<CFlowVector>>();
        var final = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                final[i] = Dbscan.Noise;
                continue;
            }

            if (!renumber.TryGetValue(labels[i], out var id))
            {
                id = renumber.Count;
                renumber[labels[i]] = id;
                members.Add([]);
            }

            final[i] = id;
            members[id].Add(set.Vectors[i]);
        }

        var clusters = members.Select((m, id) => new CCluster(id, m)).ToArray();
        return new CPlaneResult(set, clusters, final, method);
    }

    /// <summary>Every vector's 8 reduced values, row by row, as single precision (what the distances are computed in).</summary>
    private static float[] ReducedRows(CFlowVectorSet set)
    {
        const int dim = CFlowVector.ReducedDimensions;
        var matrix = new float[set.Vectors.Count * dim];
        for (var i = 0; i < set.Vectors.Count; i++)
        {
            var reduced = set.Vectors[i].Reduced;
            for (var d = 0; d < dim; d++)
            {
                matrix[(i * dim) + d] = (float)reduced[d];
            }
        }

        return matrix;
    }
}
