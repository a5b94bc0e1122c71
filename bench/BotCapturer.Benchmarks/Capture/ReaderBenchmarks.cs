using BenchmarkDotNet.Attributes;
using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Engine.Reading;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace BotCapturer.Benchmarks.Capture;

/// <summary>
/// Reading and decoding a whole capture file: our PipeReader-based reader with the span decoder, against SharpPcap
/// (libpcap) reading the same file with PacketDotNet dissecting each packet.
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private string _path = null!;

    [GlobalSetup]
    public void Setup() => _path = BenchCapture.Load().Path;

    [Benchmark(Baseline = true, Description = "PipeReader + span decoder")]
    public async Task<long> OurReader()
    {
        var handler = new CountingHandler();
        await new CaptureFileReader(_path).ReadAsync(handler, static _ => ValueTask.CompletedTask, CancellationToken.None);
        return handler.Sum;
    }

    [Benchmark(Description = "SharpPcap + PacketDotNet")]
    public long SharpPcapReader()
    {
        using var device = new CaptureFileReaderDevice(_path);
        device.Open();
        long sum = 0;
        while (device.GetNextPacket(out var capture) == GetPacketStatus.PacketRead)
        {
            var raw = capture.GetPacket();
            var packet = Packet.ParsePacket(raw.LinkLayerType, raw.Data);
            if (packet.Extract<IPPacket>()?.PayloadPacket is TransportPacket t)
            {
                sum += t.SourcePort;
            }
        }

        return sum;
    }

    private sealed class CountingHandler : IRecordHandler
    {
        public long Sum { get; private set; }

        public void OnPacket(in CaptureRecord record, ReadOnlySpan<byte> frame)
        {
            if (PacketDecoder.Decode(record.LinkType, frame, record.OriginalLength, out var p) == DecodeStatus.Ok)
            {
                Sum += p.SourcePort;
            }
        }

        public void OnBadRecord(in CaptureRecord record, string? reason)
        {
        }
    }
}
