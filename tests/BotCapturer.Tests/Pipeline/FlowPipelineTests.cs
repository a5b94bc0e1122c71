using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using static BotCapturer.Tests.TestFrames;

namespace BotCapturer.Tests.Pipeline;

public sealed class FlowPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("botengine-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] C2S(byte flags) => EthIPv4Tcp("10.0.0.5", 40000, "192.0.2.1", 80, flags);

    private static byte[] S2C(byte flags) => EthIPv4Tcp("192.0.2.1", 80, "10.0.0.5", 40000, flags);

    [Fact]
    public async Task A_connection_split_over_two_files_comes_out_as_one_flow()
    {
        var first = Write("a.pcap", Pcap([(Seconds(100), C2S(0x02)), (Seconds(100.1), S2C(0x12)), (Seconds(101), C2S(0x10))]));
        var second = Write("b.pcap", Pcap([(Seconds(130), S2C(0x10)), (Seconds(131), C2S(0x11)), (Seconds(131.1), S2C(0x11))]));
        var sink = new CollectingSink();
        var result = await new FlowPipeline(new PipelineOptions { Threads = 2 }).RunAsync([second, first], [sink], CancellationToken.None);
        var flow = Assert.Single(sink.Flows);
        Assert.Equal((3L, 3L, "SF"), (flow.SourcePackets, flow.DestinationPackets, flow.State));
        Assert.Equal(6, result.Counters.Packets);
        Assert.Equal(1, result.Flows);
        Assert.True(sink.Completed);
    }

    [Fact]
    public async Task Sharding_a_file_gives_the_same_flows_as_one_table()
    {
        var packets = new List<(long, byte[])>();
        for (var i = 0; i < 500; i++)
        {
            packets.Add((Seconds(i * 0.01), EthIPv4Tcp($"10.0.{i % 7}.{i % 11}", (ushort)(1000 + (i % 13)), "192.0.2.1", 80, 0x02)));
            packets.Add((Seconds((i * 0.01) + 0.001), EthIPv4Tcp("192.0.2.1", 80, $"10.0.{i % 7}.{i % 11}", (ushort)(1000 + (i % 13)), 0x12)));
        }

        var path = Write("many.pcap", Pcap(packets));
        async Task<List<string>> RunAsync(int shards)
        {
            var sink = new CollectingSink();
            await new FlowPipeline(new PipelineOptions { Threads = 1, ShardsPerFile = shards }).RunAsync([path], [sink], CancellationToken.None);
            return sink.Flows.Select(f => $"{f.Source}:{f.SourcePort}>{f.Destination}:{f.DestinationPort} {f.SourcePackets}/{f.DestinationPackets} {f.StartNs}").Order(StringComparer.Ordinal).ToList();
        }

        var one = await RunAsync(1);
        Assert.Equal(one, await RunAsync(3));
        Assert.Equal(500, one.Count); // i % 7, i % 11, i % 13 differ for every i below 1001
    }

    [Fact]
    public async Task Bad_files_are_reported_and_the_others_still_processed()
    {
        var good = Write("good.pcap", Pcap([(Seconds(1), C2S(0x02))]));
        var empty = Write("empty.pcap", []);
        var text = Write("text.pcap", "this is not a capture file at all"u8.ToArray());
        var truncated = Write("cut.pcap", Pcap([(Seconds(1), C2S(0x02))])[..50]);
        var sink = new CollectingSink();
        var result = await new FlowPipeline(new PipelineOptions { Threads = 2 }).RunAsync([good, empty, text, truncated], [sink], CancellationToken.None);
        Assert.Single(sink.Flows);
        var errors = result.Failed.ToDictionary(f => Path.GetFileName(f.Path), f => f.Error);
        Assert.Equal(3, errors.Count);
        Assert.Contains("empty file", errors["empty.pcap"]);
        Assert.Contains("not a pcap file", errors["text.pcap"]);
        Assert.Contains("truncated", errors["cut.pcap"]);
    }

    [Fact]
    public async Task A_failing_sink_fails_the_run_with_its_own_exception()
    {
        var path = Write("a.pcap", Pcap([(Seconds(1), C2S(0x02))]));
        var pipeline = new FlowPipeline(new PipelineOptions());
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => pipeline.RunAsync([path], [new CollectingSink(), new FailingSink()], CancellationToken.None));
        Assert.Equal("sink broke", error.Message);
    }

    private sealed class CollectingSink : IFlowSink
    {
        public List<Flow> Flows { get; } = [];

        public bool Completed { get; private set; }

        public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
        {
            Flows.AddRange(batch);
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            Completed = true;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FailingSink : IFlowSink
    {
        public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken) => throw new InvalidDataException("sink broke");

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
