using System.Numerics;

namespace BotCapturer.CPlane;

/// <summary>
/// Lloyd's k-means over a subset of the rows of a row-major matrix, with k-means++ seeding (Arthur and Vassilvitskii
/// 2007). Deterministic: draws come from the given <see cref="Random"/>, ties go to the lower centroid index, and
/// the parallel assignment step writes each row's label independently.
/// </summary>
internal static class KMeans
{
    private const int ParallelThreshold = 1 << 17; // rows × centroids × dims below which one thread is faster

    /// <summary>k-means++: the first centre uniformly, each next one with probability proportional to D(x)².</summary>
    /// <returns>Centroids (k × dim), or fewer when the rows have fewer than k distinct points.</returns>
    public static double[] PlusPlus(float[] data, int dim, int[] members, int k, Random random)
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

    /// <summary>
    /// Lloyd iterations from the given centroids until no label changes (or <paramref name="maxIterations"/>).
    /// Empty clusters are removed at the end; returns the final number of clusters, with labels 0..k-1.
    /// </summary>
    public static int Lloyd(float[] data, int dim, int[] members, ref double[] centroids, int[] labels, int maxIterations, CancellationToken cancellationToken)
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

    /// <summary>Squared Euclidean distance between a data row and a centroid.</summary>
    public static double Distance2(float[] data, int row, IReadOnlyList<double> centroids, int centroid, int dim)
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
                    var d2 = Distance2(row, single.AsSpan(c * dim, dim));
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

        var n = members.Length;
        if ((long)n * k * dim < ParallelThreshold)
        {
            AssignRange(0, n);
        }
        else
        {
            const int Chunk = 2048;
            Parallel.For(0, (n + Chunk - 1) / Chunk, chunk => AssignRange(chunk * Chunk, Math.Min(n, (chunk + 1) * Chunk)));
        }

        return changed;
    }
}
