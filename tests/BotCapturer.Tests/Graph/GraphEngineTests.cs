using BotCapturer.Decode;
using BotCapturer.Engine.Analysis.Graph;
using BotCapturer.Flows;
using BotCapturer.Graph;
using BotCapturer.Net;

namespace BotCapturer.Tests.Graph;

public sealed class GraphEngineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("botcapturer-graph-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(EdgeWeightKind.Packets, 3 + 4 + 1 + 1, 2)]
    [InlineData(EdgeWeightKind.Flows, 2, 1)]
    [InlineData(EdgeWeightKind.Bytes, 300 + 400 + 60 + 60, 120)]
    public async Task Sink_AddsEachFlowBetweenItsHosts(EdgeWeightKind kind, double ab, double ac)
    {
        var a = HostAddress.Parse("10.0.0.1");
        var b = HostAddress.Parse("10.0.0.2");
        var c = HostAddress.Parse("10.0.0.3");
        Flow[] flows =
        [
            Flow.Create((byte)IpProtocol.Tcp, a, 1000, b, 80, 0, 1, 3, 300, 4, 400),
            Flow.Create((byte)IpProtocol.Udp, b, 53, a, 2000, 0, 1, 1, 60, 1, 60),
            Flow.Create((byte)IpProtocol.Tcp, c, 1000, a, 22, 0, 1, 1, 60, 1, 60),
        ];
        var sink = new HostGraphSink(kind);
        await sink.ConsumeAsync(flows, CancellationToken.None);
        await sink.CompleteAsync(CancellationToken.None);
        var graph = sink.Builder.Build();

        Assert.Equal(3, sink.Flows);
        Assert.Equal(ab, graph.WeightBetween(GraphTestGraphs.Id(graph, "10.0.0.1"), GraphTestGraphs.Id(graph, "10.0.0.2")));
        Assert.Equal(ac, graph.WeightBetween(GraphTestGraphs.Id(graph, "10.0.0.1"), GraphTestGraphs.Id(graph, "10.0.0.3")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sink_for_the_vote_leaves_out_flows_to_group_addresses_and_keeps_their_hosts(bool hostsOnly)
    {
        var a = HostAddress.Parse("10.0.0.1");
        var b = HostAddress.Parse("10.0.0.2");
        var c = HostAddress.Parse("10.0.0.3");
        Flow[] flows =
        [
            Flow.Create((byte)IpProtocol.Tcp, a, 1000, b, 80, 0, 1, 3, 300, 4, 400),
            Flow.Create((byte)IpProtocol.Udp, c, 5353, HostAddress.Parse("224.0.0.251"), 5353, 0, 1, 1, 60, 0, 0),
            Flow.Create((byte)IpProtocol.Udp, HostAddress.Parse("0.0.0.0"), 68, HostAddress.Parse("255.255.255.255"), 67, 0, 1, 1, 300, 0, 0),
            Flow.Create((byte)IpProtocol.Udp, a, 5353, HostAddress.Parse("ff02::fb"), 5353, 0, 1, 1, 60, 0, 0),
        ];
        var sink = new HostGraphSink(EdgeWeightKind.Packets, hostsOnly: hostsOnly);

        // Batches longer than the prefetch distance, so that the look-ahead crosses the left-out flows.
        await sink.ConsumeAsync([.. Enumerable.Repeat(flows, 5).SelectMany(f => f)], CancellationToken.None);
        var graph = sink.Builder.Build();

        Assert.Equal(hostsOnly ? (5, 15) : (20, 0), (sink.Flows, sink.Dropped));
        Assert.Equal(hostsOnly ? ["10.0.0.1", "10.0.0.3"] : [], sink.OtherHosts.Order(StringComparer.Ordinal));
        Assert.Equal(hostsOnly ? 2 : 7, graph.NodeCount);
        Assert.Equal(5 * 7, graph.WeightBetween(GraphTestGraphs.Id(graph, "10.0.0.1"), GraphTestGraphs.Id(graph, "10.0.0.2")));
    }

    [Fact]
    public async Task Reader_ReadsAnEdgeListAndSumsRepeatedPairs()
    {
        var path = Write("edges.csv", "host_a,host_b,packets\n10.0.0.1,10.0.0.2,5\r\n10.0.0.2,10.0.0.1,2.5\n\nalpha,10.0.0.1,1e3\n");
        var graph = (await EdgeListReader.ReadAsync(path, null, CancellationToken.None)).Build();
        Assert.Equal(3, graph.NodeCount);
        Assert.Equal(7.5, graph.WeightBetween(GraphTestGraphs.Id(graph, "10.0.0.1"), GraphTestGraphs.Id(graph, "10.0.0.2")));
        Assert.Equal(1000, graph.WeightBetween(GraphTestGraphs.Id(graph, "alpha"), GraphTestGraphs.Id(graph, "10.0.0.1")));
    }

    [Theory]
    [InlineData("", "edges.csv: empty file")]
    [InlineData("10.0.0.1,10.0.0.2,5\n", "edges.csv:1: bad header")]
    [InlineData("a,b\n", "edges.csv:1: bad header")]
    [InlineData("a,b,w\nx,y,3\nx,z,abc\n", "edges.csv:3: weight 'abc' is not a non-negative number")]
    [InlineData("a,b,w\nx,y,-3\n", "edges.csv:2: weight '-3'")]
    [InlineData("a,b,w\nx,y\n", "edges.csv:2: expected 'host_a,host_b,weight'")]
    [InlineData("a,b,w\nx,y,1,2\n", "edges.csv:2: expected")]
    [InlineData("a,b,w\n,y,1\n", "edges.csv:2: expected")]
    public async Task Reader_NamesFileAndLineOfABadEdgeList(string text, string expected)
    {
        var path = Write("edges.csv", text);
        var e = await Assert.ThrowsAsync<EdgeListException>(() => EdgeListReader.ReadAsync(path, null, CancellationToken.None));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_MissingFile()
    {
        var path = Path.Combine(_folder, "nope.csv");
        var e = await Assert.ThrowsAsync<EdgeListException>(() => EdgeListReader.ReadAsync(path, null, CancellationToken.None));
        Assert.Equal(path + ": no such file", e.Message);
    }

    [Fact]
    public async Task Csv_WritesHostAndScoreFirstSortedDescending()
    {
        var graph = SyntheticGraph.Generate(new SyntheticGraphSpec { Hosts = 500, Botnets = 1, Seed = 3 }, out _, out _).Build();
        var scores = GraphScorer.Score(graph);
        var path = await GraphScoresCsv.WriteToFolderAsync(scores, Path.Combine(_folder, "out"), CancellationToken.None);
        Assert.Equal(Path.Combine(_folder, "out", "graph_scores.csv"), path);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(GraphScoresCsv.Header, lines[0]);
        Assert.StartsWith("host,score,", lines[0], StringComparison.Ordinal);
        Assert.Equal(scores.Count + 1, lines.Length);
        var header = lines[0].Split(',');
        var values = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(values, v => Assert.Equal(header.Length, v.Length));
        var parsed = values.Select(v => double.Parse(v[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(parsed.OrderDescending(), parsed);
        Assert.Equal(scores.Ranked[0].Host, values[0][0]);
    }

    [Fact]
    public async Task Scores_csv_lines_are_whole_across_buffers_and_for_a_host_name_longer_than_a_buffer()
    {
        // 2,000 hosts fill the writer's 64 KiB buffer several times; one name alone is longer than it.
        var builder = new HostGraphBuilder();
        var longName = new string('h', 70_000);
        for (var i = 0; i < 2000; i++)
        {
            builder.Add($"host-{i}", $"server-{i % 7}", 1 + (i % 5));
        }

        builder.Add(longName, "server-0", 3);
        var scores = GraphScorer.Score(builder.Build());
        var writer = new StringWriter { NewLine = "\n" };

        await GraphScoresCsv.WriteAsync(scores, writer, null, CancellationToken.None);

        var c = System.Globalization.CultureInfo.InvariantCulture;
        var expected = scores.Ranked.Select(s => string.Join(',',
            s.Host, s.Score.ToString("G6", c), s.Rank.ToString(c), s.OwnScore.ToString("G6", c), s.Evenness.ToString("G6", c),
            s.Structural.ToString("G6", c), s.OutEN.ToString("G6", c), s.OutWE.ToString("G6", c), s.OutLW.ToString("G6", c),
            s.Lof.ToString("G6", c), s.Cv.ToString("G6", c), s.WeightRange.ToString("G6", c), s.N.ToString(c), s.E.ToString(c),
            s.W.ToString("G10", c), s.Lambda.ToString("G6", c), s.Degree.ToString(c), s.Weight.ToString("G10", c),
            s.IsAnomalous ? "1" : "0", s.EgonetOf ?? string.Empty));
        Assert.Equal([GraphScoresCsv.Header, .. expected, string.Empty], writer.ToString().Split('\n'));
        Assert.Contains(longName, writer.ToString(), StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
