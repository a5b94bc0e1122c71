namespace BotCapturer.Graph;

/// <summary>
/// Local Outlier Factor (Breunig, Kriegel, Ng, Sander, SIGMOD 2000): how much sparser a point's neighbourhood is than
/// its neighbours' neighbourhoods; about 1 inside a cluster, well above 1 for an outlier. Neighbours come from a
/// k-d tree, so n points cost about O(n k log n), not O(n²).
/// </summary>
public static class Lof
{
    /// <summary>
    /// LOF of every point (<paramref name="points"/> is row-major, <paramref name="dimensions"/> values a point).
    /// Duplicates: the LOF paper assumes none (with k or more identical points the reachability distances are 0 and
    /// the densities infinite), and real egonet features repeat a lot (every host with one 1-packet edge is the same
    /// point). So LOF is computed over the distinct points and every copy gets its point's value. The neighbourhood
    /// is exactly the k nearest (ties at the k-distance broken arbitrarily), as in scikit-learn.
    /// </summary>
    public static double[] Compute(ReadOnlySpan<double> points, int dimensions, int k = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (points.Length % dimensions != 0)
        {
            throw new ArgumentException("points is not a whole number of rows", nameof(points));
        }

        var count = points.Length / dimensions;
        var (distinct, pointOf) = Distinct(points, dimensions, count);
        var m = distinct.Length / dimensions;
        var result = new double[count];
        if (m <= 1)
        {
            Array.Fill(result, 1.0);
            return result;
        }

        var kk = Math.Min(k, m - 1);
        var tree = new KdTree(distinct, dimensions);
        var neighbors = new int[m * kk];
        var distances = new double[m * kk];
        // Queries only read the tree: one per point, spread over the cores.
        Parallel.For(0, m, p => tree.Nearest(p, kk, neighbors.AsSpan(p * kk, kk), distances.AsSpan(p * kk, kk)));

        var lrd = new double[m];
        for (var p = 0; p < m; p++)
        {
            var sum = 0.0;
            for (var j = 0; j < kk; j++)
            {
                var o = neighbors[(p * kk) + j];
                sum += Math.Max(distances[(o * kk) + kk - 1], distances[(p * kk) + j]);
            }

            lrd[p] = kk / sum;
        }

        var lof = new double[m];
        for (var p = 0; p < m; p++)
        {
            var sum = 0.0;
            for (var j = 0; j < kk; j++)
            {
                sum += lrd[neighbors[(p * kk) + j]];
            }

            lof[p] = sum / kk / lrd[p];
        }

        for (var i = 0; i < count; i++)
        {
            result[i] = lof[pointOf[i]];
        }

        return result;
    }

    // Lexicographic sort of the rows: a primitive sort on the first coordinate, then the rare runs of equal first
    // coordinates by the whole row.
    private static (double[] Distinct, int[] PointOf) Distinct(ReadOnlySpan<double> points, int dimensions, int count)
    {
        var rows = points.ToArray();
        var order = new int[count];
        var keys = new double[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
            keys[i] = rows[i * dimensions];
        }

        Array.Sort(keys, order);
        Comparison<int> byRow = (a, b) => CompareRows(rows, dimensions, a, b);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1 && dimensions > 1)
            {
                order.AsSpan(start, end - start).Sort(byRow);
            }

            start = end;
        }

        var pointOf = new int[count];
        var distinct = new List<double>(points.Length);
        var m = -1;
        for (var i = 0; i < count; i++)
        {
            if (i == 0 || CompareRows(rows, dimensions, order[i - 1], order[i]) != 0)
            {
                m++;
                distinct.AddRange(rows.AsSpan(order[i] * dimensions, dimensions));
            }

            pointOf[order[i]] = m;
        }

        return (distinct.ToArray(), pointOf);
    }

    private static int CompareRows(double[] rows, int dimensions, int a, int b)
    {
        for (var d = 0; d < dimensions; d++)
        {
            var c = rows[(a * dimensions) + d].CompareTo(rows[(b * dimensions) + d]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
