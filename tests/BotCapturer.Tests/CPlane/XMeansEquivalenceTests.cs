using BotCapturer.CPlane;

namespace BotCapturer.Tests.CPlane;

/// <summary>
/// The optimised X-means (duplicate rows merged with weights, parallel assignment, reused buffers) must give exactly
/// the labels of <see cref="ReferenceXMeans"/>, which clusters every row on its own.
/// </summary>
public sealed class XMeansEquivalenceTests
{
    /// <summary>
    /// Gaussian blobs (noise in the first two dimensions) snapped to a grid, so most rows repeat exactly, as C-flow
    /// vectors do, plus one tight group of ten identical rows.
    /// </summary>
    private static float[] GridBlobs(int seed, int perBlob, int dim, float step)
    {
        var random = new Random(seed);
        var rows = new List<float>();
        for (var blob = 0; blob < 5; blob++)
        {
            for (var i = 0; i < perBlob; i++)
            {
                for (var d = 0; d < dim; d++)
                {
                    var noise = d < 2 ? Gaussian(random) * (0.5 + (blob * 0.3)) : 0;
                    var x = (blob * 3 * ((d % 2) == 0 ? 1 : -1)) + noise;
                    rows.Add(MathF.Round((float)x / step) * step);
                }
            }
        }

        for (var i = 0; i < 10; i++)
        {
            for (var d = 0; d < dim; d++)
            {
                rows.Add(20.25f);
            }
        }

        return [.. rows];
    }

    [Theory]
    [InlineData(1, 1, 2, 0.5f)]
    [InlineData(2, 7, 2, 0.25f)]
    [InlineData(3, 42, 8, 1f)]
    [InlineData(4, 5, 8, 0.5f)]
    public void Merging_duplicate_rows_gives_the_labels_of_clustering_every_row(int dataSeed, int seed, int dim, float step)
    {
        var data = GridBlobs(dataSeed, 120, dim, step);
        var members = Enumerable.Range(0, data.Length / dim).ToArray();
        Assert.True(WeightedRows.Distinct(data, dim, members).Count < members.Length * 0.9, "the data must repeat rows");
        var expected = new ReferenceXMeans(32, seed).Cluster(data, dim, members, out var expectedK);
        var actual = new XMeans(32, seed).Cluster(data, dim, members, out var k);
        Assert.True(expectedK > 2);
        Assert.Equal(expectedK, k);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_member_subset_in_shuffled_order_matches_too()
    {
        // members need not be 0..n-1 nor sorted: the refinement step clusters one coarse cluster's rows
        var data = GridBlobs(6, 200, 2, 0.5f);
        var members = Enumerable.Range(0, data.Length / 2).Where(i => i % 3 != 0).OrderBy(i => (i * 7919) % 1009).ToArray();
        var expected = new ReferenceXMeans(16, 3).Cluster(data, 2, members, out var expectedK);
        var actual = new XMeans(16, 3).Cluster(data, 2, members, out var k);
        Assert.Equal(expectedK, k);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Large_enough_for_the_parallel_assignment_step()
    {
        // distinct 8-d rows × 16 centroids above KMeans' parallel threshold (2^17)
        var data = GridBlobs(7, 1000, 8, 0.05f);
        var members = Enumerable.Range(0, data.Length / 8).ToArray();
        Assert.True(WeightedRows.Distinct(data, 8, members).Count * 8 * 16 > 1 << 17);
        var expected = new ReferenceXMeans(16, 9).Cluster(data, 8, members, out var expectedK);
        var actual = new XMeans(16, 9).Cluster(data, 8, members, out var k);
        Assert.Equal(expectedK, k);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    public void Two_step_clustering_of_cflows_matches_the_reference(int data, int seed)
    {
        var aggregator = CPlaneClustererTests.TwoBotnets(data);
        var set = CFlowVectorizer.Vectorize(aggregator);
        var options = aggregator.Options with { Seed = seed };
        var actual = CPlaneClusterer.Cluster(set, options);

        // BotMiner §4.1.2 two steps, as CPlaneClusterer does them, on the reference implementation
        var n = set.Vectors.Count;
        var reduced = set.Vectors.SelectMany(v => v.Reduced.Select(x => (float)x)).ToArray();
        var full = set.Vectors.SelectMany(v => v.Fractions).ToArray();
        var coarse = new ReferenceXMeans(options.KMax, seed).Cluster(reduced, CFlowVector.ReducedDimensions, [.. Enumerable.Range(0, n)], out var coarseK);
        var labels = new int[n];
        var next = 0;
        for (var c = 0; c < coarseK; c++)
        {
            var group = Enumerable.Range(0, n).Where(i => coarse[i] == c).ToArray();
            var fine = new ReferenceXMeans(options.KMax, unchecked((seed * 1_000_003) + c)).Cluster(full, CFlowVector.Dimensions, group, out var fineK);
            for (var i = 0; i < group.Length; i++)
            {
                labels[group[i]] = next + fine[i];
            }

            next += fineK;
        }

        var expected = CPlaneClusterer.Build(set, labels, ClusterMethod.XMeans);
        Assert.Equal(expected.Labels, actual.Labels);
    }

    [Fact]
    public void Distinct_merges_equal_rows_and_keeps_the_order()
    {
        float[] data = [1, 2, 3, 4, 1, 2, 5, 6, 3, 4, 1, 2];
        var points = WeightedRows.Distinct(data, 2, [0, 1, 2, 3, 4, 5]);
        Assert.Equal([0, 1, 3], points.Rows);
        Assert.Equal([3, 2, 1], points.Weights);
        Assert.Equal([0, 1, 0, 2, 1, 0], points.Order);
        var parts = points.Split([1, 0, 1], 2);
        Assert.Equal([1], parts[0].Rows);
        Assert.Equal([0, 0], parts[0].Order);
        Assert.Equal([0, 3], parts[1].Rows);
        Assert.Equal([0, 0, 1, 0], parts[1].Order);
        Assert.Equal([5, 7, 5, 9, 7, 5], points.Expand([5, 7, 9]));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
