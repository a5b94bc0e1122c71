using BenchmarkDotNet.Attributes;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Benchmarks.Flows;

/// <summary>
/// The flow table where its open flows do not fit in the cache, as in a shard of a large capture: two million synthetic
/// packets, four in five of them lone SYNs from random sources (a scan's failed attempts, 84 % of the 10M-packet mix's
/// flows), the rest both directions of 50,000 long conversations, 100 µs apart with a 30 s TCP timeout, so about
/// 250,000 flows are open at a time (some 45 MB of slots). Finished flows go back through a <see cref="FlowRecycler"/>
/// as the pipeline's do. Compares adding packets one by one with adding them in batches, looked up ahead.
/// </summary>
[MemoryDiagnoser]
public class FlowTableAtScaleBenchmarks
{
    /// <summary>Packets in a shard's batch (PacketBatch.Capacity in the engine).</summary>
    public const int BatchSize = 4096;

    private const int Packets = 2_000_000, Conversations = 50_000;

    private static readonly FlowOptions Options = new() { TcpTimeout = TimeSpan.FromSeconds(30), PayloadBytes = 0 };

    private PacketRecord[] _records = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var server = HostAddress.FromIPv4(0xC0000201); // 192.0.2.1
        _records = new PacketRecord[Packets];
        for (var i = 0; i < Packets; i++)
        {
            var ns = 1_600_000_000_000_000_000L + (i * 100_000L);
            DecodedPacket packet;
            if (random.Next(5) != 0)
            {
                var source = HostAddress.FromIPv4(0x0A000000u | (uint)random.Next(1 << 24));
                var target = HostAddress.FromIPv4(0xC6120000u | (uint)random.Next(1 << 16)); // 198.18.0.0/15
                packet = new DecodedPacket(source, target, (ushort)random.Next(1024, 65536), (ushort)random.Next(1, 1024), (byte)IpProtocol.Tcp, TcpFlags.Syn, 0, 0, 0, (uint)random.Next(), 40);
            }
            else
            {
                var c = random.Next(Conversations);
                var client = HostAddress.FromIPv4(0x0B000000u | (uint)c);
                var port = (ushort)(1024 + (c % 60000));
                packet = random.Next(2) == 0
                    ? new DecodedPacket(client, server, port, 443, (byte)IpProtocol.Tcp, TcpFlags.Ack, 0, 0, 0, 1, 40)
                    : new DecodedPacket(server, client, 443, port, (byte)IpProtocol.Tcp, TcpFlags.Ack, 0, 0, 0, 1, 40);
            }

            _records[i] = new PacketRecord(packet, ns, 54);
        }
    }

    [Benchmark(Baseline = true)]
    public long OneByOne()
    {
        var recycler = new FlowRecycler();
        var table = new FlowTable(Options) { Recycler = recycler };
        long flows = 0;
        for (var i = 0; i < _records.Length; i++)
        {
            ref readonly var r = ref _records[i];
            table.Add(r.Packet, r.TimestampNs, r.WireLength, default);
            if ((i + 1) % BatchSize == 0)
            {
                flows += Recycle(table, recycler);
            }
        }

        table.Flush();
        return flows + Recycle(table, recycler);
    }

    [Benchmark]
    public long InBatches()
    {
        var recycler = new FlowRecycler();
        var table = new FlowTable(Options) { Recycler = recycler };
        long flows = 0;
        for (var start = 0; start < _records.Length; start += BatchSize)
        {
            table.AddBatch(_records.AsSpan(start, Math.Min(BatchSize, _records.Length - start)), default);
            flows += Recycle(table, recycler);
        }

        table.Flush();
        return flows + Recycle(table, recycler);
    }

    /// <summary>Hands the finished flows back for reuse, as the pipeline does once its sinks are done with a batch.</summary>
    private static int Recycle(FlowTable table, FlowRecycler recycler)
    {
        var n = table.Completed.Count;
        recycler.Return(table.Completed.GetRange(0, n));
        table.Completed.Clear();
        return n;
    }
}
