namespace BotCapturer.CPlane;

/// <summary>
/// DBSCAN (Ester, Kriegel, Sander and Xu, KDD 1996) over rows of a row-major matrix, Euclidean distance, brute-force
/// neighbourhoods (O(n²) distance computations: meant for up to some 10^4 C-flows). Noise rows get label -1.
/// Deterministic: rows are visited in order.
/// </summary>
public static class Dbscan
{
    /// <summary>Noise label.</summary>
    public const int Noise = -1;

    /// <summary>Labels every row 0..k-1 or <see cref="Noise"/>; a core row has at least <paramref name="minSamples"/> rows (itself included) within <paramref name="eps"/>.</summary>
    public static int[] Cluster(float[] data, int dim, int rows, double eps, int minSamples, out int k, CancellationToken cancellationToken = default)
    {
        const int Unvisited = -2;
        var labels = new int[rows];
        Array.Fill(labels, Unvisited);
        var eps2 = eps * eps;
        k = 0;
        var queue = new Queue<int>();
        for (var p = 0; p < rows; p++)
        {
            if (labels[p] != Unvisited)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var neighbours = Neighbours(data, dim, rows, p, eps2);
            if (neighbours.Count < minSamples)
            {
                labels[p] = Noise;
                continue;
            }

            var cluster = k++;
            labels[p] = cluster;
            foreach (var q in neighbours)
            {
                queue.Enqueue(q);
            }

            while (queue.TryDequeue(out var q))
            {
                if (labels[q] == Noise)
                {
                    labels[q] = cluster; // border point
                }

                if (labels[q] != Unvisited)
                {
                    continue;
                }

                labels[q] = cluster;
                var more = Neighbours(data, dim, rows, q, eps2);
                if (more.Count >= minSamples)
                {
                    foreach (var r in more)
                    {
                        if (labels[r] is Unvisited or Noise)
                        {
                            queue.Enqueue(r);
                        }
                    }
                }
            }
        }

        return labels;
    }

    private static List<int> Neighbours(float[] data, int dim, int rows, int p, double eps2)
    {
        var result = new List<int>();
        var a = p * dim;
        for (var q = 0; q < rows; q++)
        {
            double sum = 0;
            var b = q * dim;
            for (var d = 0; d < dim && sum <= eps2; d++)
            {
                var diff = data[a + d] - data[b + d];
                sum += diff * diff;
            }

            if (sum <= eps2)
            {
                result.Add(q);
            }
        }

        return result;
    }
}
