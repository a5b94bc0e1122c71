using BenchmarkDotNet.Attributes;
using BotCapturer.Decode;
using BotCapturer.Flows;

namespace BotCapturer.Benchmarks.Flows;

/// <summary>
/// The flow table on decoded packets of a real capture: one operation builds every flow of the capture. Allocations
/// per operation are per flow (the flow object and its payload prefixes), none per packet.
/// </summary>
[MemoryDiagnoser]
public class FlowTableBenchmarks
{
    private (DecodedPacket Packet, long Ns, int Length, byte[] Frame)[] _packets = [];
    private PacketRecord[] _records = [];
    private byte[] _arena = [];

    [Params("slips/test-cc-capture-1.pcap", "stopddos/pkt.TCP.synflood.spoofed.pcap")]
    public string Capture { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var capture = BenchCapture.Load(Capture);
        _packets = capture.Packets
            .Select(p => (Ok: PacketDecoder.Decode(p.Record.LinkType, p.Frame, p.Record.OriginalLength, out var d) == DecodeStatus.Ok, d, p.Record.TimestampNs, p.Record.OriginalLength, p.Frame))
            .Where(p => p.Ok)
            .Select(p => (p.d, p.TimestampNs, p.OriginalLength, p.Frame))
            .ToArray();

        // The same packets as a shard gets them: the frames one after another, payload offsets into them.
        _arena = _packets.SelectMany(p => p.Frame).ToArray();
        var at = 0;
        _records = _packets.Select(p =>
        {
            var record = new PacketRecord(p.Packet with { PayloadOffset = at + p.Packet.PayloadOffset }, p.Ns, p.Length);
            at += p.Frame.Length;
            return record;
        }).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int BuildFlows()
    {
        var table = new FlowTable();
        foreach (var (packet, ns, length, frame) in _packets)
        {
            table.Add(packet, ns, length, frame);
        }

        table.Flush();
        return table.Completed.Count;
    }

    /// <summary>
    /// The same packets added in batches of 4,096 as a shard adds them (<see cref="FlowTable.AddBatch"/>, each packet
    /// looked up a few packets ahead). These captures' tables fit in the cache, so this shows what looking ahead costs
    /// where it cannot help; <see cref="FlowTableAtScaleBenchmarks"/> has a table that does not fit.
    /// </summary>
    [Benchmark]
    public int BuildFlowsInBatches()
    {
        var table = new FlowTable();
        for (var start = 0; start < _records.Length; start += FlowTableAtScaleBenchmarks.BatchSize)
        {
            table.AddBatch(_records.AsSpan(start, Math.Min(FlowTableAtScaleBenchmarks.BatchSize, _records.Length - start)), _arena);
        }

        table.Flush();
        return table.Completed.Count;
    }
}
