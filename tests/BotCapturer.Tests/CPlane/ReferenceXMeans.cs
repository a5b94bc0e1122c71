using BotCapturer.CPlane;

namespace BotCapturer.Tests.CPlane;

/// <summary>
/// The X-means of src/BotCapturer.Core/CPlane before duplicate rows were merged (commit 9ea0718), kept as a plain
/// reference: every row on its own, one thread, k-means++ over the rows in order. The production code must give the
/// same labels. Only change from that commit: a split trial replaces the best earlier one only when its BIC is higher
/// by more than a relative 1e-9, as in the production code (see XMeans.ImproveStructure).
/// </summary>
internal sealed class ReferenceXMeans(int kMax, int seed, int splitTrials = 3)
{
    private const int MaxIterations = 30;
    private readonly int _kMax = kMax;
    private readonly int _seed = seed;
    private readonly int _splitTrials = splitTrials;

    public int[] Cluster(float[] data, int dim, int[] members, out int k, CancellationToken cancellationToken = default)
    {
        var n = members.Length;
        var labels = new int[n];
        k = n == 0 ? 0 : 1;
        if (n <= 1)
        {
            return labels;
        }

        var random = new Random(_seed);
        var centroids = Mean(data, dim, members);
        var bestBic = double.NegativeInfinity;
        var bestLabels = labels;
        var bestK = 1;
        while (true)
        {
            // Improve-Params (P&M §3.1): k-means over all points from the current centroids.
            k = Lloyd(data, dim, members, ref centroids, labels, MaxIterations, cancellationToken);
            var bic = Bic(data, dim, members, labels, centroids, k);
            if (bic > bestBic)
            {
                bestBic = bic;
                bestLabels = (int[])labels.Clone();
                bestK = k;
            }

            if (k >= _kMax)
            {
                break;
            }

            // Improve-Structure (P&M §3.2): try to split every centroid in two, judged on its own points only.
            var next = ImproveStructure(data, dim, members, labels, centroids, k, random, cancellationToken);
            if (next is null)
            {
                break;
            }

            centroids = next;
        }

        k = bestK;
        return bestLabels;
    }

    private double[]? ImproveStructure(float[] data, int dim, int[] members, int[] labels, double[] centroids, int k, Random random, CancellationToken cancellationToken)
    {
        var byCluster = new List<int>[k];
        for (var c = 0; c < k; c++)
        {
            byCluster[c] = [];
        }

        for (var i = 0; i < members.Length; i++)
        {
            byCluster[labels[i]].Add(members[i]);
        }

        var splits = new List<(int Cluster, double Gain, double[] Children)>();
        for (var c = 0; c < k; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var region = byCluster[c].ToArray();
            if (region.Length < 3)
            {
                continue;
            }

            var parentCentroid = centroids.AsSpan(c * dim, dim).ToArray();
            var parentBic = Bic(data, dim, region, new int[region.Length], parentCentroid, 1);
            // P&M §3.2 try one 2-means split per region; a single try often halves a diffuse cloud and misses a
            // tight group beside it, so several k-means++ seedings are tried and the best BIC is kept.
            double[]? best = null;
            var bestBic = double.NegativeInfinity;
            for (var trial = 0; trial < _splitTrials; trial++)
            {
                var children = PlusPlus(data, dim, region, 2, random);
                if (children.Length < 2 * dim)
                {
                    break; // all points identical: nothing to split
                }

                var childLabels = new int[region.Length];
                if (Lloyd(data, dim, region, ref children, childLabels, MaxIterations, cancellationToken) < 2)
                {
                    continue;
                }

                var childBic = Bic(data, dim, region, childLabels, children, 2);
                if (best is null || childBic > bestBic + (1e-9 * Math.Abs(bestBic)))
                {
                    bestBic = childBic;
                    best = children;
                }
            }

            if (best is not null && bestBic > parentBic)
            {
                splits.Add((c, bestBic - parentBic, best));
            }
        }

        if (splits.Count == 0)
        {
            return null;
        }

        // Within the kmax budget, the splits that raise BIC most go first.
        var budget = _kMax - k;
        var accepted = splits.OrderByDescending(s => s.Gain).ThenBy(s => s.Cluster).Take(budget).ToDictionary(s => s.Cluster, s => s.Children);
        var result = new List<double>((k + accepted.Count) * dim);
        for (var c = 0; c < k; c++)
        {
            result.AddRange(accepted.TryGetValue(c, out var children) ? children : centroids.AsSpan(c * dim, dim).ToArray());
        }

        return [.. result];
    }

    private static double[] PlusPlus(float[] data, int dim, int[] members, int k, Random random)
    {
        var n = members.Length;
        var centroids = new List<double>(k * dim);
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        var first = members[random.Next(n)];
        for (var d = 0; d < dim; d++)
        {
            centroids.Add(data[(first * dim) + d]);
        }

        for (var c = 1; c < k; c++)
        {
            var last = centroids.Count - dim;
            double total = 0;
            for (var i = 0; i < n; i++)
            {
                var d2 = Distance2(data, members[i] * dim, centroids, last, dim);
                if (d2 < nearest[i])
                {
                    nearest[i] = d2;
                }

                total += nearest[i];
            }

            if (total <= 0)
            {
                break; // every row sits on a centre already
            }

            var target = random.NextDouble() * total;
            var chosen = n - 1;
            double run = 0;
            for (var i = 0; i < n; i++)
            {
                run += nearest[i];
                if (run >= target && nearest[i] > 0)
                {
                    chosen = i;
                    break;
                }
            }

            for (var d = 0; d < dim; d++)
            {
                centroids.Add(data[(members[chosen] * dim) + d]);
            }
        }

        return [.. centroids];
    }

    private static int Lloyd(float[] data, int dim, int[] members, ref double[] centroids, int[] labels, int maxIterations, CancellationToken cancellationToken)
    {
        var n = members.Length;
        var k = centroids.Length / dim;
        var counts = new int[k];
        Array.Fill(labels, -1, 0, n);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // converged: no label moved (for large inputs: at most one in a thousand, the long tail of Lloyd's method)
            var moved = Assign(data, dim, members, centroids, k, labels);
            if (iteration > 0 && moved <= n / 1000)
            {
                break;
            }

            // update: mean of each cluster; an emptied cluster keeps its centroid until the end
            var sums = new double[k * dim];
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var l = labels[i];
                counts[l]++;
                var row = members[i] * dim;
                for (var d = 0; d < dim; d++)
                {
                    sums[(l * dim) + d] += data[row + d];
                }
            }

            for (var c = 0; c < k; c++)
            {
                if (counts[c] > 0)
                {
                    for (var d = 0; d < dim; d++)
                    {
                        centroids[(c * dim) + d] = sums[(c * dim) + d] / counts[c];
                    }
                }
            }
        }

        Array.Clear(counts);
        for (var i = 0; i < n; i++)
        {
            counts[labels[i]]++;
        }

        var map = new int[k];
        var kept = 0;
        for (var c = 0; c < k; c++)
        {
            map[c] = counts[c] > 0 ? kept++ : -1;
        }

        if (kept == k)
        {
            return k;
        }

        var compact = new double[kept * dim];
        for (var c = 0; c < k; c++)
        {
            if (map[c] >= 0)
            {
                Array.Copy(centroids, c * dim, compact, map[c] * dim, dim);
            }
        }

        for (var i = 0; i < n; i++)
        {
            labels[i] = map[labels[i]];
        }

        centroids = compact;
        return kept;
    }

    private static double Distance2(float[] data, int row, IReadOnlyList<double> centroids, int centroid, int dim)
    {
        double sum = 0;
        for (var d = 0; d < dim; d++)
        {
            var diff = data[row + d] - centroids[centroid + d];
            sum += diff * diff;
        }

        return sum;
    }

    private static double Bic(float[] data, int dim, int[] members, int[] labels, double[] centroids, int k)
    {
        var r = members.Length;
        if (r <= k)
        {
            return double.NegativeInfinity;
        }

        var counts = new int[k];
        var sse = new double[k * dim];
        for (var i = 0; i < r; i++)
        {
            var label = labels[i];
            counts[label]++;
            var row = members[i] * dim;
            var centroid = label * dim;
            for (var d = 0; d < dim; d++)
            {
                var diff = data[row + d] - centroids[centroid + d];
                sse[centroid + d] += diff * diff;
            }
        }

        // A singleton's variance cannot be estimated: it borrows the pooled within-cluster variance, Σ SSE / (R − K).
        var pooled = new double[dim];
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < dim; d++)
            {
                pooled[d] += sse[(c * dim) + d] / (r - k);
            }
        }

        double logLikelihood = 0;
        for (var c = 0; c < k; c++)
        {
            var rk = counts[c];
            if (rk == 0)
            {
                continue;
            }

            logLikelihood += rk * Math.Log((double)rk / r);
            for (var d = 0; d < dim; d++)
            {
                var e = sse[(c * dim) + d];
                var variance = Math.Max(rk > 1 ? e / (rk - 1) : pooled[d], XMeans.VarianceFloor);
                logLikelihood -= (rk / 2.0 * Math.Log(2 * Math.PI * variance)) + (e / (2 * variance));
            }
        }

        var parameters = (k - 1) + (2.0 * dim * k);
        return logLikelihood - (parameters / 2 * Math.Log(r));
    }

    private static int Assign(float[] data, int dim, int[] members, double[] centroids, int k, int[] labels)
    {
        var changed = 0;
        var single = new float[centroids.Length];
        for (var i = 0; i < single.Length; i++)
        {
            single[i] = (float)centroids[i];
        }

        void AssignRange(int from, int to)
        {
            var local = 0;
            for (var i = from; i < to; i++)
            {
                var row = data.AsSpan(members[i] * dim, dim);
                var best = 0;
                var bestDistance = float.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    var d2 = KMeans.Distance2(row, single.AsSpan(c * dim, dim));
                    if (d2 < bestDistance)
                    {
                        bestDistance = d2;
                        best = c;
                    }
                }

                if (labels[i] != best)
                {
                    labels[i] = best;
                    local++;
                }
            }

            if (local > 0)
            {
                Interlocked.Add(ref changed, local);
            }
        }

        AssignRange(0, members.Length);
        return changed;
    }

    private static double[] Mean(float[] data, int dim, int[] members)
    {
        var mean = new double[dim];
        foreach (var m in members)
        {
            for (var d = 0; d < dim; d++)
            {
                mean[d] += data[(m * dim) + d];
            }
        }

        for (var d = 0; d < dim; d++)
        {
            mean[d] /= members.Length;
        }

        return mean;
    }
}
