using BotCapturer.CPlane;
using BotCapturer.Net;

namespace BotCapturer.Tests.CPlane;

public sealed class CPlaneClustererTests
{
    private const long Second = 1_000_000_000;

    /// <summary>
    /// Two synthetic botnets (5 bots each: beacons every 60 s of 6 packets × 90 bytes, and every 300 s of 12 packets
    /// × 600 bytes, to their C&amp;C) among 40 benign hosts browsing random sites with random sizes, over one hour.
    /// </summary>
    internal static CFlowAggregator TwoBotnets(int seed)
    {
        var random = new Random(seed);
        var aggregator = new CFlowAggregator(new CPlaneOptions());
        void Beacons(string prefix, int hosts, string cc, ushort port, long periodS, float ppf, float bpp)
        {
            for (var h = 0; h < hosts; h++)
            {
                var key = new CFlowKey(6, HostAddress.Parse($"{prefix}.{h + 1}"), HostAddress.Parse(cc), port);
                var offset = random.NextInt64(0, periodS * Second);
                for (var t = offset; t < 3600 * Second; t += periodS * Second)
                {
                    var jitter = random.NextDouble() * 0.1;
                    aggregator.Add(key, new FlowSample(t, ppf, bpp * (float)(1 + (jitter / 10)), (float)(ppf * bpp / (0.2 + jitter))));
                }
            }
        }

        Beacons("10.1.0", 5, "198.51.100.1", 8080, 60, 6, 90);
        Beacons("10.2.0", 5, "203.0.113.77", 443, 300, 12, 600);
        for (var h = 0; h < 40; h++)
        {
            var source = HostAddress.Parse($"10.9.0.{h + 1}");
            for (var s = 0; s < 6; s++)
            {
                var key = new CFlowKey(6, source, HostAddress.FromIPv4((uint)random.Next()), (ushort)(random.Next(2) == 0 ? 80 : 443));
                var flows = random.Next(1, 8);
                for (var f = 0; f < flows; f++)
                {
                    var ppf = random.Next(4, 400);
                    aggregator.Add(key, new FlowSample(random.NextInt64(0, 3600 * Second), ppf, random.Next(60, 1400), random.Next(1_000, 2_000_000)));
                }
            }
        }

        return aggregator;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 7)]
    public void Each_botnet_shares_a_cluster_of_its_own(int data, int seed)
    {
        var aggregator = TwoBotnets(data);
        var result = CPlaneClusterer.Cluster(CFlowVectorizer.Vectorize(aggregator), aggregator.Options with { Seed = seed });
        foreach (var prefix in new[] { "10.1.0.", "10.2.0." })
        {
            var bots = Enumerable.Range(1, 5).Select(i => HostAddress.Parse(prefix + i)).ToHashSet();
            Assert.Contains(result.Clusters, c => bots.IsSubsetOf(c.Hosts) && c.Hosts.All(bots.Contains));
        }
    }

    [Fact]
    public void Same_seed_same_clusters_different_seed_still_valid()
    {
        var aggregator = TwoBotnets(2);
        var set = CFlowVectorizer.Vectorize(aggregator);
        var a = CPlaneClusterer.Cluster(set, aggregator.Options with { Seed = 9 });
        var b = CPlaneClusterer.Cluster(set, aggregator.Options with { Seed = 9 });
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Clusters.Select(c => c.Hosts), b.Clusters.Select(c => c.Hosts));
    }

    [Fact]
    public void Dbscan_alternative_clusters_the_botnets_and_leaves_noise()
    {
        var aggregator = TwoBotnets(3);
        var result = CPlaneClusterer.Cluster(CFlowVectorizer.Vectorize(aggregator), aggregator.Options with { Method = ClusterMethod.Dbscan, Eps = 0.3, MinSamples = 3 });
        Assert.Contains(result.Labels, l => l == Dbscan.Noise);
        foreach (var prefix in new[] { "10.1.0.", "10.2.0." })
        {
            var bots = Enumerable.Range(1, 5).Select(i => HostAddress.Parse(prefix + i)).ToHashSet();
            Assert.Contains(result.Clusters, c => bots.IsSubsetOf(c.Hosts) && c.Hosts.All(bots.Contains));
        }
    }
}
