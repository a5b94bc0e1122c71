using BotCapturer.CPlane;

namespace BotCapturer.Tests.CPlane;

public sealed class XMeansTests
{
    // Hand computation (M = 1, R = 4): BIC = l - p/2 ln R with, per cluster k,
    // σ_k² = SSE_k / (R_k - 1), l = Σ_k [R_k ln(R_k/R) - R_k/2 ln(2π σ_k²) - SSE_k / (2σ_k²)], p = (K - 1) + 2 M K.
    // {0,1,10,11}, K=1: μ = 5.5, SSE = 101, σ² = 101/3, l = -2 ln(2π·101/3) - 1.5, p = 2          -> BIC = -13.595065
    //              K=2: {0,1} and {10,11}: SSE_k = 0.5, σ_k² = 0.5, each l_k = 2 ln(1/2) - ln(π) - 0.5,
    //                   l = -6.062048, p = 5                                                   -> BIC = -9.527784
    // {0,1,2,3},   K=1: μ = 1.5, SSE = 5, σ² = 5/3, l = -2 ln(2π·5/3) - 1.5                      -> BIC = -7.583700
    //              K=2: {0,1},{2,3}: the same per-cluster sums as above                           -> BIC = -9.527784
    [Fact]
    public void Bic_favours_the_split_of_two_separate_groups()
    {
        float[] data = [0, 1, 10, 11];
        int[] all = [0, 1, 2, 3];
        var one = XMeans.Bic(data, 1, all, [0, 0, 0, 0], [5.5], 1);
        var two = XMeans.Bic(data, 1, all, [0, 0, 1, 1], [0.5, 10.5], 2);
        Assert.Equal(-13.595065, one, 6);
        Assert.Equal(-2 * Math.Log(2 * Math.PI * 101 / 3) - 1.5 - Math.Log(4), one, 12);
        Assert.Equal(-9.527784, two, 6);
        Assert.Equal((4 * Math.Log(0.5)) - (2 * Math.Log(Math.PI)) - 1 - (2.5 * Math.Log(4)), two, 12);
        Assert.True(two > one);
    }

    [Fact]
    public void Bic_rejects_splitting_an_even_spread()
    {
        float[] data = [0, 1, 2, 3];
        int[] all = [0, 1, 2, 3];
        var one = XMeans.Bic(data, 1, all, [0, 0, 0, 0], [1.5], 1);
        var two = XMeans.Bic(data, 1, all, [0, 0, 1, 1], [0.5, 2.5], 2);
        Assert.Equal(-7.583700, one, 6);
        Assert.Equal(-9.527784, two, 6);
        Assert.True(one > two);
    }

    [Fact]
    public void XMeans_splits_only_where_bic_says_so()
    {
        new XMeans(8, 1).Cluster([0, 1, 10, 11], 1, [0, 1, 2, 3], out var separate);
        new XMeans(8, 1).Cluster([0, 1, 2, 3], 1, [0, 1, 2, 3], out var spread);
        Assert.Equal(2, separate);
        Assert.Equal(1, spread);
    }

    [Fact]
    public void XMeans_finds_three_blobs_and_respects_kmax()
    {
        var (data, truth) = Blobs(new Random(3), [(0, 0), (5, 5), (10, 0)], 60, 0.5);
        var members = Enumerable.Range(0, truth.Length).ToArray();
        var labels = new XMeans(16, 11).Cluster(data, 2, members, out var k);
        Assert.Equal(3, k);
        // each blob maps onto one label
        for (var blob = 0; blob < 3; blob++)
        {
            Assert.Single(labels.Where((_, i) => truth[i] == blob).Distinct());
        }

        new XMeans(2, 11).Cluster(data, 2, members, out var capped);
        Assert.Equal(2, capped);
    }

    [Fact]
    public void Same_seed_same_clusters()
    {
        var (data, truth) = Blobs(new Random(5), [(0, 0), (3, 3), (6, 0), (9, 3), (12, 0)], 80, 1.2);
        var members = Enumerable.Range(0, truth.Length).ToArray();
        var first = new XMeans(32, 42).Cluster(data, 2, members, out var k1);
        var second = new XMeans(32, 42).Cluster(data, 2, members, out var k2);
        Assert.Equal(k1, k2);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Identical_points_stay_one_cluster()
    {
        var labels = new XMeans(8, 1).Cluster([1, 1, 1, 1, 1, 1], 2, [0, 1, 2], out var k);
        Assert.Equal(1, k);
        Assert.Equal([0, 0, 0], labels);
    }

    [Fact]
    public void Dbscan_keeps_noise_as_noise()
    {
        // two dense groups on a line and one far point
        float[] data = [0, 0.05f, 0.1f, 5, 5.05f, 5.1f, 20];
        var labels = Dbscan.Cluster(data, 1, data.Length, 0.1, 3, out var k);
        Assert.Equal(2, k);
        Assert.Equal([0, 0, 0, 1, 1, 1, Dbscan.Noise], labels);
    }

    internal static (float[] Data, int[] Truth) Blobs(Random random, (double X, double Y)[] centres, int perBlob, double spread)
    {
        var data = new float[centres.Length * perBlob * 2];
        var truth = new int[centres.Length * perBlob];
        var i = 0;
        for (var c = 0; c < centres.Length; c++)
        {
            for (var j = 0; j < perBlob; j++, i++)
            {
                data[2 * i] = (float)(centres[c].X + (Gaussian(random) * spread));
                data[(2 * i) + 1] = (float)(centres[c].Y + (Gaussian(random) * spread));
                truth[i] = c;
            }
        }

        return (data, truth);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
