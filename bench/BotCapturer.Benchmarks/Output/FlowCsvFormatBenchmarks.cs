using BenchmarkDotNet.Attributes;
using BotCapturer.Decode;
using BotCapturer.Engine.Output;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Benchmarks.Output;

/// <summary>
/// CSV row formatting (FlowCsvWriter.Format) into a 1 MiB byte sink that restarts when full, as the writer's buffer
/// does, against the formatter before AsciiRow. Times are per row (OperationsPerInvoke); no I/O.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class FlowCsvFormatBenchmarks
{
    // One pipeline batch (FlowPipeline hands sinks a few thousand flows at a time), so the flows are cache-warm and
    // the time is the formatting's, not the memory's.
    private const int Rows = 4_096;
    private readonly byte[] _sink = new byte[1 << 20];
    private Flow[] _flows = [];

    [GlobalSetup]
    public void Setup() => _flows = MixLikeFlows(Rows);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public int Before()
    {
        var used = 0;
        foreach (var flow in _flows)
        {
            used = used > _sink.Length - FlowCsvWriter.RowRoom ? 0 : used;
            used += BaselineFlowCsvFormat.Format(flow, _sink.AsSpan(used));
        }

        return used;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int AsciiRow()
    {
        var used = 0;
        foreach (var flow in _flows)
        {
            used = used > _sink.Length - FlowCsvWriter.RowRoom ? 0 : used;
            used += FlowCsvWriter.Format(flow, _sink.AsSpan(used));
        }

        return used;
    }

    /// <summary>
    /// Flows shaped like the 10M-packet mix: mostly IPv4 (2 % IPv6) across the whole address space, TCP/UDP/ICMP,
    /// ephemeral to service ports, a few packets each with the odd large one, 2010-era timestamps to the nanosecond.
    /// </summary>
    internal static Flow[] MixLikeFlows(int count)
    {
        var random = new Random(42);
        var flows = new Flow[count];
        var start = 1_262_304_000_000_000_000L;
        ushort[] services = [80, 443, 53, 25, 22, 6667, 123, 137];
        for (var i = 0; i < count; i++)
        {
            start += random.Next(1_000, 2_000_000);
            var protocol = random.Next(100) switch
            {
                < 60 => (byte)IpProtocol.Tcp,
                < 95 => (byte)IpProtocol.Udp,
                _ => (byte)IpProtocol.Icmp,
            };
            var v6 = random.Next(50) == 0;
            var packets = 1L << random.Next(12);
            var back = random.Next(3) == 0 ? 0 : packets;
            flows[i] = Flow.Create(
                protocol, RandomHost(random, v6), (ushort)random.Next(1024, 65536), RandomHost(random, v6), services[random.Next(services.Length)],
                start, start + (random.NextInt64(0, 60_000_000_000) >> random.Next(20)),
                packets + random.Next(3), (packets * random.Next(40, 1500)) + random.Next(60), back, back * random.Next(40, 1500),
                TcpFlags.Syn | TcpFlags.Ack | (random.Next(2) == 0 ? TcpFlags.Fin : TcpFlags.Rst), TcpFlags.Syn | TcpFlags.Ack,
                sourceSentSyn: true, destinationSentSynAck: back > 0);
        }

        return flows;
    }

    private static HostAddress RandomHost(Random random, bool v6)
    {
        if (v6)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[0] = 0x20;
            bytes.AsSpan(4, 6).Clear();
            return HostAddress.FromIPv6(bytes);
        }

        return random.Next(3) == 0
            ? HostAddress.FromIPv4((uint)(0x0A000000 + random.Next(1 << 16)))
            : HostAddress.FromIPv4((uint)random.NextInt64(0x01000000, 0xE0000000));
    }
}
