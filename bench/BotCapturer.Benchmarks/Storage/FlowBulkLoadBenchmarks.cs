using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BotCapturer.Decode;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Net;
using BotCapturer.Storage.MySql;
using BotCapturer.Storage.MySql.Loading;

namespace BotCapturer.Benchmarks.Storage;

/// <summary>
/// Flow rows per second into MariaDB/MySQL through the real per-file load path (TSV over a pipe into
/// MySqlBulkLoader.SourceStream, row-count and warning checks, commit; or the XA path through several connections). Needs a server: BOTENGINE_DB, e.g. from
/// <c>eval "$(scripts/mariadb-local.sh env)"</c> after <c>scripts/mariadb-local.sh start</c>; bench/load-rate.sh does all of it.
/// Times are per row (OperationsPerInvoke), so rows/s = 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class FlowBulkLoadBenchmarks
{
    private const int Rows = 200_000;
    private const long GroupId = 990_000_001;
    private FlowStore _store = null!;
    private Flow[] _flows = [];

    [GlobalSetup]
    public void Setup()
    {
        var db = Environment.GetEnvironmentVariable(StoreConnection.EnvironmentVariable)
            ?? throw new InvalidOperationException("set BOTENGINE_DB (bench/load-rate.sh starts a local MariaDB and sets it)");
        _store = new FlowStore(new StoreConnection(db));
        _store.InitAsync(CancellationToken.None).GetAwaiter().GetResult();
        _store.PrepareGroupAsync(new GroupRequest(GroupId, "benchmark", "FlowBulkLoadBenchmarks", Append: true), CancellationToken.None).GetAwaiter().GetResult();
        _flows = SyntheticFlows(Rows);
    }

    /// <summary>One file's transaction on one connection.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public Task OneConnection() => LoadAsync(_flows, CancellationToken.None);

    /// <summary>Two files loaded at once on two connections (what <c>load</c> does on this 2-core machine).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public Task TwoConnections() => Task.WhenAll(
        Task.Run(() => LoadAsync(_flows.AsMemory(0, Rows / 2).ToArray(), CancellationToken.None)),
        Task.Run(() => LoadAsync(_flows.AsMemory(Rows / 2).ToArray(), CancellationToken.None)));

    /// <summary>One file through two connections as one XA transaction (what <c>load</c> does with a lone large file on
    /// this 2-core machine): two branches, XA PREPARE on both, branch 0 commits first.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public Task OneFileTwoConnections() => LoadAsync(_flows, CancellationToken.None, connections: 2);

    private async Task LoadAsync(Flow[] flows, CancellationToken cancellationToken, int connections = 1)
    {
        var identity = new FileIdentity("synthetic-" + Guid.NewGuid().ToString("N"), 0, RandomNumberGenerator.GetBytes(32));
        await using var sink = await _store.BeginFileAsync(GroupId, identity, storePackets: false, connections, committed: null, cancellationToken);
        for (var i = 0; i < flows.Length; i += 4096)
        {
            await sink.ConsumeAsync(new ArraySegment<Flow>(flows, i, Math.Min(4096, flows.Length - i)), cancellationToken);
        }

        await sink.CompleteAsync(new FileResult(identity.Path, 0, new PacketCounters(), flows.Length, 0, null), cancellationToken);
    }

    /// <summary>Flows shaped like the real-capture mix: IPv4, TCP and UDP, a few packets each, 16-byte payload prefixes.</summary>
    internal static Flow[] SyntheticFlows(int count)
    {
        var random = new Random(42);
        var flows = new Flow[count];
        var start = 1_700_000_000_000_000_000L;
        for (var i = 0; i < count; i++)
        {
            var tcp = i % 4 != 0;
            var payload = new byte[16];
            random.NextBytes(payload);
            start += random.Next(1_000, 1_000_000);
            flows[i] = Flow.Create(
                tcp ? (byte)6 : (byte)17,
                HostAddress.FromIPv4((uint)(0x0A000000 + random.Next(1 << 16))), (ushort)random.Next(1024, 65536),
                HostAddress.FromIPv4((uint)(0xC0A80000 + random.Next(1 << 8))), (ushort)(tcp ? 443 : 53),
                start, start + random.Next(1_000_000, 1_000_000_000), random.Next(1, 20), random.Next(60, 20_000), random.Next(0, 20), random.Next(0, 30_000),
                tcp ? TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin : TcpFlags.None, tcp ? TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin : TcpFlags.None,
                random.Next(0, 10_000), random.Next(0, 20_000), payload, i % 2 == 0 ? payload : null, FlowEnd.Fin,
                random.Next(60, 20_000), random.Next(0, 30_000), tcp, tcp);
        }

        return flows;
    }
}
