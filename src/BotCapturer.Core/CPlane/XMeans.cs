namespace BotCapturer.CPlane;

/// <summary>
/// X-means (Pelleg and Moore, "X-means: Extending K-means with Efficient Estimation of the Number of Clusters",
/// ICML 2000): k-means whose centroids split in two wherever the Bayesian Information Criterion of the two-centroid
/// model of a cluster's own points beats that of the one-centroid model, until no split helps or k reaches kmax;
/// the model with the best BIC over all rounds is returned. Children are seeded with k-means++.
/// </summary>
public sealed class XMeans
{
    /// <summary>
    /// Numerical guard on the variance estimate: a cluster of identical points has σ² = 0 and an infinite
    /// likelihood. 1e-12 is far below the resolution of the vectors (float fractions, 1/12 levels).
    /// </summary>
    public const double VarianceFloor = 1e-12;

    private const int MaxIterations = 100;

    private readonly int _kMax;
    private readonly int _seed;

    public XMeans(int kMax, int seed)
    {
        _kMax = Math.Max(1, kMax);
        _seed = seed;
    }

    /// <summary>
    /// BIC of a hard clustering under P&amp;M §3.3's identical spherical Gaussians model:
    /// <code>
    /// BIC = l̂(D) − p/2 · ln R,   p = (K − 1) + M·K + 1          (K−1 priors, K centroids in M dims, one variance)
    /// σ̂² = Σ ||x_i − μ_(i)||² / (M (R − K))                       (unbiased, per dimension)
    /// l̂(D) = Σ_k R_k ln(R_k / R) − R·M/2 · ln(2π σ̂²) − Σ ||x_i − μ_(i)||² / (2 σ̂²)
    /// </code>
    /// R points, M dimensions, R_k points in cluster k. This is P&amp;M's l̂ written out from the Gaussian density with
    /// the variance per dimension (their printed per-cluster form drops M from the 2π and residual terms).
    /// Returns −∞ when R ≤ K (the variance cannot be estimated).
    /// </summary>
    public static double Bic(float[] data, int dim, int[] members, int[] labels, double[] centroids, int k)
    {
        var r = members.Length;
        if (r <= k)
        {
            return double.NegativeInfinity;
        }

        var counts = new int[k];
        double sse = 0;
        for (var i = 0; i < r; i++)
        {
            counts[labels[i]]++;
            sse += KMeans.Distance2(data, members[i] * dim, centroids, labels[i] * dim, dim);
        }

        var variance = Math.Max(sse / ((double)dim * (r - k)), VarianceFloor);
        double logLikelihood = 0;
        foreach (var rk in counts)
        {
            if (rk > 0)
            {
                logLikelihood += rk * Math.Log((double)rk / r);
            }
        }

        logLikelihood -= r * dim / 2.0 * Math.Log(2 * Math.PI * variance);
        logLikelihood -= sse / (2 * variance);
        var parameters = (k - 1) + ((double)dim * k) + 1;
        return logLikelihood - (parameters / 2 * Math.Log(r));
    }

    /// <summary>Clusters the given rows of a row-major matrix; returns a label (0..k-1) per member, in member order.</summary>
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
            k = KMeans.Lloyd(data, dim, members, ref centroids, labels, MaxIterations, cancellationToken);
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
            var children = KMeans.PlusPlus(data, dim, region, 2, random);
            if (children.Length < 2 * dim)
            {
                continue; // all points identical: nothing to split
            }

            var childLabels = new int[region.Length];
            var childK = KMeans.Lloyd(data, dim, region, ref children, childLabels, MaxIterations, cancellationToken);
            if (childK < 2)
            {
                continue;
            }

            var childBic = Bic(data, dim, region, childLabels, children, 2);
            if (childBic > parentBic)
            {
                splits.Add((c, childBic - parentBic, children));
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
