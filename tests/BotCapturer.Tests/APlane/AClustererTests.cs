using BotCapturer.APlane;
using BotCapturer.Net;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public class AClustererTests
{
    private static Activity Make(ActivityType type, string host, string key, double weight = 1, params string[] destinations) =>
        new(type, Ip(host), key, key, T0, T0 + Second, 1, "test", weight) { Destinations = [.. destinations.Select(Ip)] };

    [Fact]
    public void Activities_are_grouped_by_type_then_target()
    {
        var result = AClusterer.Cluster(
        [
            Make(ActivityType.Scan, "10.0.0.2", "horizontal:tcp/23:*"),
            Make(ActivityType.Scan, "10.0.0.1", "horizontal:tcp/23:*"),
            Make(ActivityType.Scan, "10.0.0.3", "horizontal:tcp/445:*"),
            Make(ActivityType.BinaryDownload, "10.0.0.1", "binary:abc/256", 1.5),
            Make(ActivityType.Signature, "10.0.0.2", "horizontal:tcp/23:*", 2),
        ]);

        Assert.Equal(4, result.Clusters.Count);
        var telnet = result.Clusters.Single(c => c.Type == ActivityType.Scan && c.Key == "horizontal:tcp/23:*");
        Assert.Equal([Ip("10.0.0.1"), Ip("10.0.0.2")], telnet.Hosts);
        Assert.Equal(2, telnet.ActivityCount);
        Assert.Equal(1.5, result.Clusters.Single(c => c.Type == ActivityType.BinaryDownload).Weight);
        Assert.Equal(3, result.ClustersOf(Ip("10.0.0.1")).Count + result.ClustersOf(Ip("10.0.0.3")).Count);
        Assert.Empty(result.ClustersOf(Ip("10.9.9.9")));
        Assert.Equal(Enumerable.Range(1, 4), result.Clusters.Select(c => c.Id));
        for (var i = 0; i < result.Activities.Count; i++)
        {
            var cluster = result.Clusters[result.ClusterOfActivity[i] - 1];
            Assert.Equal(result.Activities[i].Type, cluster.Type);
            Assert.Contains(result.Activities[i].Host, cluster.Hosts);
        }
    }

    [Fact]
    public void Spammers_with_overlapping_server_sets_share_a_cluster()
    {
        var result = AClusterer.Cluster(
        [
            Make(ActivityType.Spam, "10.0.0.1", "smtp", 1, "1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5"),
            Make(ActivityType.Spam, "10.0.0.2", "smtp", 1, "1.1.1.5", "2.2.2.1", "2.2.2.2", "2.2.2.3", "2.2.2.4"),
            Make(ActivityType.Spam, "10.0.0.3", "smtp", 1, "3.3.3.1", "3.3.3.2", "3.3.3.3"),
        ]);

        var sizes = result.Clusters.Select(c => c.Hosts.Count).Order().ToArray();
        Assert.Equal([1, 2], sizes);
        Assert.Equal("9 mail servers", result.Clusters.Single(c => c.Hosts.Count == 2).Target);
    }

    [Fact]
    public void Weights_are_never_below_one_and_the_order_is_deterministic()
    {
        var input = new[]
        {
            Make(ActivityType.BruteForce, "10.0.0.9", "tcp/22:10.0.0.0/24", 0.5),
            Make(ActivityType.Scan, "10.0.0.8", "vertical:tcp:10.0.0.0/24"),
        };
        var a = AClusterer.Cluster(input);
        var b = AClusterer.Cluster(input.Reverse());
        Assert.All(a.Clusters, c => Assert.True(c.Weight >= 1));
        Assert.Equal(a.Clusters.Select(c => (c.Id, c.Key)), b.Clusters.Select(c => (c.Id, c.Key)));
        Assert.Equal(ActivityType.Scan, a.Clusters[0].Type);
        Assert.Equal<HostAddress>(a.Activities.Select(x => x.Host), b.Activities.Select(x => x.Host));
    }
}
