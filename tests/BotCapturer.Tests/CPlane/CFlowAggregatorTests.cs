using BotCapturer.CPlane;
using BotCapturer.Engine.Analysis.CPlane;
using BotCapturer.Net;

namespace BotCapturer.Tests.CPlane;

public sealed class CFlowAggregatorTests
{
    [Fact]
    public void Flow_features_are_ppf_bpp_bps()
    {
        var aggregator = new CFlowAggregator(new CPlaneOptions());
        aggregator.Add(CFlowFilterTests.Tcp("192.168.1.10", "203.0.113.5", 443, durationNs: 2_000_000_000, packets: 4, bytes: 400));
        var sample = aggregator.CFlows.Single().Value.Single();
        Assert.Equal(4f, sample.PacketsPerFlow);
        Assert.Equal(100f, sample.BytesPerPacket);
        Assert.Equal(200f, sample.BytesPerSecond);
    }

    [Fact]
    public void Zero_duration_flows_last_at_least_one_millisecond()
    {
        var sample = FlowSample.From(0, 0, 2, 120);
        Assert.Equal(120_000f, sample.BytesPerSecond); // 120 bytes / 0.001 s
        Assert.Equal(120_000f, FlowSample.From(0, 500_000, 2, 120).BytesPerSecond); // 0.5 ms counts as 1 ms
        Assert.Equal(60_000f, FlowSample.From(0, 2_000_000, 2, 120).BytesPerSecond);
    }

    [Fact]
    public void Merged_partials_give_the_same_vectors_as_one_aggregator()
    {
        var random = new Random(7);
        var flows = Enumerable.Range(0, 400).Select(i => CFlowFilterTests.Tcp(
            $"192.168.1.{random.Next(1, 20)}", $"203.0.113.{random.Next(1, 8)}", (ushort)(random.Next(2) == 0 ? 80 : 443),
            startNs: random.NextInt64(0, 3_600_000_000_000), durationNs: random.NextInt64(0, 5_000_000_000),
            packets: random.Next(2, 40), bytes: random.Next(100, 40000))).ToList();
        var options = new CPlaneOptions();
        var whole = new CFlowAggregator(options);
        flows.ForEach(f => whole.Add(f));
        var parts = new[] { new CFlowAggregator(options), new CFlowAggregator(options), new CFlowAggregator(options) };
        for (var i = flows.Count - 1; i >= 0; i--)
        {
            parts[i % 3].Add(flows[i]);
        }

        parts[2].Merge(parts[0]);
        parts[2].Merge(parts[1]);
        Assert.Equal(whole.FlowCount, parts[2].FlowCount);
        Assert.Equal(Csv(whole), Csv(parts[2]));
    }

    [Fact]
    public void Dropped_flows_are_counted_by_reason()
    {
        var aggregator = new CFlowAggregator(new CPlaneOptions());
        aggregator.Add(CFlowFilterTests.Tcp("192.168.1.10", "203.0.113.5", 443));
        aggregator.Add(CFlowFilterTests.Tcp("192.168.1.10", "192.168.1.11", 443));
        aggregator.Add(CFlowFilterTests.Tcp("203.0.113.5", "192.168.1.10", 443));
        Assert.Equal(1, aggregator.FlowCount);
        Assert.Equal(1, aggregator.Count(FlowVerdict.InternalToInternal));
        Assert.Equal(1, aggregator.Count(FlowVerdict.StartedOutside));
        Assert.Equal(1, aggregator.CFlowCount);
    }

    private static string Csv(CFlowAggregator aggregator)
    {
        var result = CPlaneClusterer.Cluster(CFlowVectorizer.Vectorize(aggregator), aggregator.Options);
        using var writer = new StringWriter();
        CPlaneCsvWriter.WriteCFlowsAsync(writer, result, CancellationToken.None).GetAwaiter().GetResult();
        return writer.ToString();
    }

    [Fact]
    public void Host_lookups_serve_voting()
    {
        var aggregator = CFlowVectorizerTests.SmallSet();
        var result = CPlaneClusterer.Cluster(CFlowVectorizer.Vectorize(aggregator), aggregator.Options);
        var host = HostAddress.Parse("192.168.1.10");
        Assert.NotEmpty(result.ClustersOf(host));
        Assert.All(result.ClustersOf(host), id => Assert.Contains(host, result.HostsOf(id)));
        Assert.Empty(result.ClustersOf(HostAddress.Parse("192.168.1.99")));
    }
}
