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
    }

    [Benchmark]
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
}
