using BenchmarkDotNet.Attributes;
using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Generation;
using BotCapturer.Net;

namespace BotCapturer.Benchmarks.Generation;

/// <summary>
/// The generator's cost: building one full-size TCP frame (checksums included), and a 10-minute default scenario
/// written to a null stream (packets per second of generation = packets / mean time).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GeneratorBenchmarks
{
    private static readonly Ipv4Header Ip = new(MacAddress.LocallyAdministered(1), MacAddress.LocallyAdministered(2), 0x0A010203, 0xC6336401, 7, 64);
    private readonly byte[] _frame = new byte[2048];
    private readonly byte[] _payload = new byte[1460];

    [Benchmark]
    public int BuildFullSizeTcpFrame() =>
        PacketBuilder.WriteTcp(_frame, Ip, new TcpHeader(50000, 443, 1, 2, TcpFlags.Ack, 64240), _payload);

    [Benchmark]
    public long GenerateTenMinutes() =>
        TrafficGenerator.Generate(new ScenarioOptions { Duration = TimeSpan.FromMinutes(10) }, Stream.Null, null, CancellationToken.None).Packets;
}
