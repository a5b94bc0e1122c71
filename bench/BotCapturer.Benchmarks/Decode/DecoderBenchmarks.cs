using BenchmarkDotNet.Attributes;
using BotCapturer.Decode;
using PacketDotNet;

namespace BotCapturer.Benchmarks.Decode;

/// <summary>
/// The span decoder against PacketDotNet (what SharpPcap users dissect with) on the same frames, held in memory so
/// only decoding is measured. Both produce the 5-tuple, flags and payload length of every frame.
/// </summary>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    private BenchCapture _capture = null!;
    private LinkLayers _linkLayer;

    [GlobalSetup]
    public void Setup()
    {
        _capture = BenchCapture.Load();
        _linkLayer = (LinkLayers)(ushort)_capture.Packets[0].Record.LinkType;
    }

    [Benchmark(Baseline = true, Description = "span decoder")]
    public long SpanDecoder()
    {
        long sum = 0;
        foreach (var (record, frame) in _capture.Packets)
        {
            if (PacketDecoder.Decode(record.LinkType, frame, record.OriginalLength, out var p) == DecodeStatus.Ok)
            {
                sum += p.SourcePort + p.PayloadLength + (byte)p.Flags;
            }
        }

        return sum;
    }

    [Benchmark(Description = "PacketDotNet")]
    public long PacketDotNetParse()
    {
        long sum = 0;
        foreach (var (_, frame) in _capture.Packets)
        {
            var packet = Packet.ParsePacket(_linkLayer, frame);
            if (packet.Extract<IPPacket>() is { } ip && ip.PayloadPacket is TransportPacket t)
            {
                sum += t.SourcePort + (t.PayloadData?.Length ?? 0) + (t is TcpPacket tcp ? tcp.Flags : 0);
                _ = ip.SourceAddress;
                _ = ip.DestinationAddress;
            }
        }

        return sum;
    }
}
