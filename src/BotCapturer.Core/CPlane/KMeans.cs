using System.Numerics;

namespace BotCapturer.CPlane;

/// <summary>
/// Lloyd's k-means over weighted points (<see cref="WeightedRows"/>), with k-means++ seeding (Arthur and Vassilvitskii
/// 2007). A point of weight w acts as w equal rows: the clusters are those of the unweighted rows. Deterministic:
/// draws come from the given <see cref="Random"/>, ties go to the lower centroid index, and the parallel assignment
/// step writes each point's label independently.
/// </summary>
internal static class KMeans
{
    private const int ParallelThreshold = 1 << 17; // points × centroids × dims below which one thread is faster
    private const int Chunk = 1024; // points per parallel work item

    /// <summary>k-means++: the first centre uniformly, each next one with probability proportional to D(x)².</summary>
    /// <returns>Centroids (k × dim), or fewer when the rows have fewer than k distinct points.</returns>
    public static double[] PlusPlus(float[] data, int dim, WeightedRows points, int k, Random random)
    {
        // The draws walk the original rows in order (Order), each row carrying its point's D(x)², so they pick
        // the rows an unweighted k-means++ would.
        var order = points.Order;
        var n = order.Length;
        var centroids = new double[k * dim];
        var nearest = new double[points.Count];
        Array.Fill(nearest, double.PositiveInfinity);
        var first = points.Rows[order[random.Next(n)]];
        for (var d = 0; d < dim; d++)
        {
            centroids[d] = data[(first * dim) + d];
        }

        var chosenCount = 1;
        for (; chosenCount < k; chosenCount++)
        {
            var last = (chosenCount - 1) * dim;
            for (var p = 0; p < nearest.Length; p++)
            {
                var d2 = Distance2(data, points.Rows[p] * dim, centroids, last, dim);
                if (d2 < nearest[p])
                {
                    nearest[p] = d2;
                }
            }

            double total = 0;
            foreach (var p in order)
            {
                total += nearest[p];
            }

            if (total <= 0)
            {
                break; // every row sits on a centre already
            }

            var target = random.NextDouble() * total;
            var chosen = order[n - 1];
            double run = 0;
            foreach (var p in order)
            {
                run += nearest[p];
                if (run >= target && nearest[p] > 0)
                {
                    chosen = p;
                    break;
                }
            }

            Array.Copy(data, points.Rows[chosen] * dim, centroids, chosenCount * dim, dim);
        }

        return chosenCount == k ? centroids : centroids[..(chosenCount * dim)];
    }

    /// <summary>
    /// Lloyd iterations from the given centroids until no label changes (or <paramref name="maxIterations"/>).
    /// Empty clusters are removed at the end; returns the final number of clusters, with labels 0..k-1 per point.
    /// </summary>
    public static int Lloyd(float[] data, int dim, WeightedRows points, ref double[] centroids, int[] labels, int maxIterations, CancellationToken cancellationToken)
    {
        var n = points.Count;
        var k = centroids.Length / dim;
        var counts = new long[k];
        var sums = new double[k * dim];
        var single = new float[k * dim];
        Array.Fill(labels, -1, 0, n);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // converged: no row moved (for large inputs: at most one in a thousand, the long tail of Lloyd's method)
            var moved = Assign(data, dim, points, centroids, single, k, labels);
            if (iteration > 0 && moved <= points.Total / 1000)
            {
                break;
            }

            // update: mean of each cluster; an emptied cluster keeps its centroid until the end
            Array.Clear(sums);
            Array.Clear(counts);
            for (var p = 0; p < n; p++)
            {
                var l = labels[p];
                var w = points.Weights[p];
                counts[l] += w;
                var row = data.AsSpan(points.Rows[p] * dim, dim);
                var sum = sums.AsSpan(l * dim, dim);
                if (w == 1)
                {
                    for (var d = 0; d < dim; d++)
                    {
                        sum[d] += row[d];
                    }
                }
                else
                {
                    for (var d = 0; d < dim; d++)
                    {
                        sum[d] += w * (double)row[d];
                    }
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

        return Compact(dim, ref centroids, labels, n, k);
    }

    /// <summary>Squared Euclidean distance between a data row and a centroid, in double precision.</summary>
    public static double Distance2(float[] data, int row, double[] centroids, int centroid, int dim)
    {
        double sum = 0;
        for (var d = 0; d < dim; d++)
        {
            var diff = data[row + d] - centroids[centroid + d];
            sum += diff * diff;
        }

        return sum;
    }

    /// <summary>Squared Euclidean distance of two float vectors, vectorized (SIMD width depends on the CPU).</summary>
    public static float Distance2(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var diff = new Vector<float>(a[i..]) - new Vector<float>(b[i..]);
            sum += diff * diff;
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            var diff = a[i] - b[i];
            total += diff * diff;
        }

        return total;
    }

    /// <summary>Drops empty clusters and renumbers the labels 0..kept-1 in centroid order.</summary>
    private static int Compact(int dim, ref double[] centroids, int[] labels, int n, int k)
    {
        var used = new bool[k];
        for (var p = 0; p < n; p++)
        {
            used[labels[p]] = true;
        }

        var map = new int[k];
        var kept = 0;
        for (var c = 0; c < k; c++)
        {
            map[c] = used[c] ? kept++ : -1;
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

        for (var p = 0; p < n; p++)
        {
            labels[p] = map[labels[p]];
        }

        centroids = compact;
        return kept;
    }

    /// <summary>Nearest centroid of every point (float distances); returns the rows (weights) whose label changed.</summary>
    private static long Assign(float[] data, int dim, WeightedRows points, double[] centroids, float[] single, int k, int[] labels)
    {
        for (var i = 0; i < single.Length; i++)
        {
            single[i] = (float)centroids[i];
        }

        long changed = 0;
        long AssignRange(int from, int to)
        {
            long local = 0;
            for (var p = from; p < to; p++)
            {
                var row = data.AsSpan(points.Rows[p] * dim, dim);
                var best = 0;
                var bestDistance = float.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    var d2 = Distance2(row, single.AsSpan(c * dim, dim));
                    if (d2 < bestDistance)
                    {
                        bestDistance = d2;
                        best = c;
                    }
                }

                if (labels[p] != best)
                {
                    labels[p] = best;
                    local += points.Weights[p];
                }
            }

            return local;
        }

        var n = points.Count;
        if ((long)n * k * dim < ParallelThreshold)
        {
            return AssignRange(0, n);
        }

        Parallel.For(0, (n + Chunk - 1) / Chunk, chunk =>
        {
            var local = AssignRange(chunk * Chunk, Math.Min(n, (chunk + 1) * Chunk));
            if (local > 0)
            {
                Interlocked.Add(ref changed, local);
            }
        });
        return changed;
    }
}
