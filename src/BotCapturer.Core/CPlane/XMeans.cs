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
    /// Least variance a cluster is credited with in any dimension: the noise of a uniform quantizer with step Δ is
    /// Δ²/12 (Widrow), and C-flow vectors resolve one quantization level, Δ = 1/12 (8-d levels are bin / 12; a 52-d
    /// fraction moves by 1/n when one of n values changes bin, and n is 12 or more for most fph histograms).
    /// Without it, points that tie exactly in a dimension (frequent: the values are quantized) would have σ² = 0
    /// and an unbounded likelihood, and X-means would split every exact tie.
    /// </summary>
    public const double VarianceFloor = 1.0 / 12 / 12 / 12;

    /// <summary>Relative BIC difference below which two split trials count as equally good (far above double rounding).</summary>
    private const double BicTolerance = 1e-9;

    /// <summary>Lloyd iterations per k-means run (most runs converge well before; P&amp;M §3.1 run k-means to convergence).</summary>
    private const int MaxIterations = 30;

    private readonly int _kMax;
    private readonly int _seed;
    private readonly int _splitTrials;

    /// <param name="kMax">Most clusters.</param>
    /// <param name="seed">Seed of the k-means++ draws.</param>
    /// <param name="splitTrials">k-means++ seedings tried for each candidate split.</param>
    public XMeans(int kMax, int seed, int splitTrials = 3)
    {
        _kMax = Math.Max(1, kMax);
        _seed = seed;
        _splitTrials = Math.Max(1, splitTrials);
    }

    /// <summary>
    /// BIC of a hard clustering (P&amp;M §3.3: BIC = l̂(D) − p/2 · ln R) when every cluster is a Gaussian with its own
    /// diagonal covariance:
    /// <code>
    /// σ̂_kd² = Σ_{i in k} (x_id − μ_kd)² / (R_k − 1)                  (unbiased; a singleton borrows Σ_k SSE_kd / (R − K))
    /// l̂(D) = Σ_k [ R_k ln(R_k / R) − R_k/2 · Σ_d ln(2π σ̂_kd²) − Σ_d Σ_{i in k} (x_id − μ_kd)² / (2 σ̂_kd²) ]
    /// p = (K − 1) + 2·M·K                                            (priors, centroids, a variance per cluster and dimension)
    /// </code>
    /// R points, M dimensions, R_k points in cluster k. P&amp;M's printed model shares one spherical σ² between all
    /// clusters and dimensions; on C-flow vectors that model fails both ways (measured, docs/cplane.md): a pooled
    /// variance lets a diffuse benign cloud hide a tight group of bots, and one σ² for 52 dimensions splits every
    /// group of bots whose jitter sits in two or three bins. Returns −∞ when R ≤ K.
    /// </summary>
    public static double Bic(float[] data, int dim, int[] members, int[] labels, double[] centroids, int k) =>
        Bic(data, dim, WeightedRows.Each(members), labels, centroids, k);

    /// <summary>BIC as above over weighted points: a point of weight w counts as w rows.</summary>
    internal static double Bic(float[] data, int dim, WeightedRows points, int[] labels, double[] centroids, int k)
    {
        var r = points.Total;
        if (r <= k)
        {
            return double.NegativeInfinity;
        }

        var counts = new long[k];
        var sse = new double[k * dim];
        for (var p = 0; p < points.Count; p++)
        {
            var label = labels[p];
            var w = points.Weights[p];
            counts[label] += w;
            var row = points.Rows[p] * dim;
            var centroid = label * dim;
            for (var d = 0; d < dim; d++)
            {
                var diff = data[row + d] - centroids[centroid + d];
                sse[centroid + d] += w * diff * diff;
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
                var variance = Math.Max(rk > 1 ? e / (rk - 1) : pooled[d], VarianceFloor);
                logLikelihood -= (rk / 2.0 * Math.Log(2 * Math.PI * variance)) + (e / (2 * variance));
            }
        }

        var parameters = (k - 1) + (2.0 * dim * k);
        return logLikelihood - (parameters / 2 * Math.Log(r));
    }

    /// <summary>
    /// Clusters the given rows of a row-major matrix; returns a label (0..k-1) per member, in member order. Rows that
    /// are bit-for-bit equal are clustered once, with their count as weight (the same clusters as clustering each).
    /// </summary>
    public int[] Cluster(float[] data, int dim, int[] members, out int k, CancellationToken cancellationToken = default)
    {
        var n = members.Length;
        k = n == 0 ? 0 : 1;
        if (n <= 1)
        {
            return new int[n];
        }

        var points = WeightedRows.Distinct(data, dim, members);
        var labels = new int[points.Count];
        var random = new Random(_seed);
        var centroids = Mean(data, dim, points);
        var bestBic = double.NegativeInfinity;
        var bestLabels = labels;
        var bestK = 1;
        while (true)
        {
            // Improve-Params (P&M §3.1): k-means over all points from the current centroids.
            k = KMeans.Lloyd(data, dim, points, ref centroids, labels, MaxIterations, cancellationToken);
            var bic = Bic(data, dim, points, labels, centroids, k);
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
            var next = ImproveStructure(data, dim, points, labels, centroids, k, random, cancellationToken);
            if (next is null)
            {
                break;
            }

            centroids = next;
        }

        k = bestK;
        return points.Expand(bestLabels);
    }

    private double[]? ImproveStructure(float[] data, int dim, WeightedRows points, int[] labels, double[] centroids, int k, Random random, CancellationToken cancellationToken)
    {
        var regions = points.Split(labels, k);
        var splits = new List<(int Cluster, double Gain, double[] Children)>();
        for (var c = 0; c < k; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var region = regions[c];
            if (region.Total < 3)
            {
                continue;
            }

            var parentCentroid = centroids.AsSpan(c * dim, dim).ToArray();
            var parentBic = Bic(data, dim, region, new int[region.Count], parentCentroid, 1);
            // P&M §3.2 try one 2-means split per region; a single try often halves a diffuse cloud and misses a
            // tight group beside it, so several k-means++ seedings are tried and the best BIC is kept.
            double[]? best = null;
            var bestBic = double.NegativeInfinity;
            var childLabels = new int[region.Count];
            for (var trial = 0; trial < _splitTrials; trial++)
            {
                var children = KMeans.PlusPlus(data, dim, region, 2, random);
                if (children.Length < 2 * dim)
                {
                    break; // all points identical: nothing to split
                }

                if (KMeans.Lloyd(data, dim, region, ref children, childLabels, MaxIterations, cancellationToken) < 2)
                {
                    continue;
                }

                // A later trial must beat the best one by more than rounding: two trials that find the same two
                // clusters (numbered either way) differ in BIC only by the order of the sums, and letting that noise
                // pick the winner made the clusters depend on summation order (and so on merging duplicate rows).
                var childBic = Bic(data, dim, region, childLabels, children, 2);
                if (best is null || childBic > bestBic + (BicTolerance * Math.Abs(bestBic)))
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

    private static double[] Mean(float[] data, int dim, WeightedRows points)
    {
        var mean = new double[dim];
        for (var p = 0; p < points.Count; p++)
        {
            var w = points.Weights[p];
            for (var d = 0; d < dim; d++)
            {
                mean[d] += w * (double)data[(points.Rows[p] * dim) + d];
            }
        }

        for (var d = 0; d < dim; d++)
        {
            mean[d] /= points.Total;
        }

        return mean;
    }
}
