using BotCapturer.Graph;
using BotCapturer.Net;

namespace BotCapturer.Tests.Graph;

public sealed class HostGraphBuilderTests
{
    [Fact]
    public void Build_StoresBothDirectionsSortedAndSumsRepeats()
    {
        var builder = new HostGraphBuilder();
        builder.Add("10.0.0.1", "10.0.0.2", 3);
        builder.Add("10.0.0.2", "10.0.0.1", 4);
        builder.Add("10.0.0.1", "10.0.0.3", 1);
        builder.Add("10.0.0.3", "10.0.0.3", 9);
        var graph = builder.Build();

        Assert.Equal(3, graph.NodeCount);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(1, builder.SelfPairsIgnored);
        var a = GraphTestGraphs.Id(graph, "10.0.0.1");
        var b = GraphTestGraphs.Id(graph, "10.0.0.2");
        Assert.Equal(7, graph.WeightBetween(a, b));
        Assert.Equal(7, graph.WeightBetween(b, a));
        Assert.Equal(8, graph.Strength(a));
        Assert.True(graph.NeighborsOf(a).ToArray().SequenceEqual(graph.NeighborsOf(a).ToArray().Order()));
    }

    [Fact]
    public void Hosts_AreAddressesOrNames()
    {
        var builder = new HostGraphBuilder();
        builder.Add(HostAddress.Parse("192.0.2.7"), HostAddress.Parse("2001:db8::1"), 1);
        builder.Add("192.0.2.7", "17", 1);
        var hosts = builder.Hosts;
        Assert.Equal(3, hosts.Count);
        Assert.True(hosts.TryGetId("192.0.2.7", out var v4));
        Assert.Equal(HostAddress.Parse("192.0.2.7"), hosts.AddressOf(v4));
        Assert.True(hosts.TryGetId("17", out var named));
        Assert.Null(hosts.AddressOf(named));
        Assert.Equal("17", hosts.NameOf(named)); // not read as the IPv4 address 0.0.0.17
        Assert.Equal("2001:db8::1", hosts.NameOf(1));
    }

    [Theory]
    [InlineData("10.132.23.148", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("256.1.1.1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("1.2.3.4x", false)]
    public void Hosts_DottedQuadFastPathAgreesWithIPAddress(string text, bool isAddress)
    {
        var table = new HostTable();
        var id = table.GetOrAdd(text);
        Assert.Equal(isAddress, table.AddressOf(id) is not null);
        if (isAddress)
        {
            Assert.Equal(HostAddress.Parse(text), table.AddressOf(id));
            Assert.Equal(text, table.NameOf(id));
        }
    }

    [Fact]
    public void Merge_InAnyOrder_GivesTheSameGraph()
    {
        var left = new HostGraphBuilder();
        left.Add("a", "b", 1);
        left.Add("b", "c", 2);
        var right = new HostGraphBuilder();
        right.Add("c", "b", 5);
        right.Add("d", "a", 1);

        var one = new HostGraphBuilder();
        one.Merge(left);
        one.Merge(right);
        var two = new HostGraphBuilder();
        two.Merge(right);
        two.Merge(left);

        foreach (var graph in new[] { one.Build(), two.Build() })
        {
            Assert.Equal(4, graph.NodeCount);
            Assert.Equal(3, graph.EdgeCount);
            Assert.Equal(7, graph.WeightBetween(GraphTestGraphs.Id(graph, "b"), GraphTestGraphs.Id(graph, "c")));
        }
    }

    [Fact]
    public void Add_RejectsNegativeAndNonFiniteWeights()
    {
        var builder = new HostGraphBuilder();
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add("a", "b", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add("a", "b", double.NaN));
        builder.Add("a", "b", 0);
        Assert.Equal(0, builder.EdgeCount);
    }
}
