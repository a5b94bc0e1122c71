using System.Buffers;
using BenchmarkDotNet.Attributes;
using BotCapturer.Flows;
using BotCapturer.Storage.MySql.Tsv;

namespace BotCapturer.Benchmarks.Storage;

/// <summary>
/// The client's share of a bulk load: formatting flow rows as LOAD DATA TSV (Tsv/FlowRows.cs) into a reused buffer,
/// no database. Times are per row (OperationsPerInvoke); the allocation column shows the formatting allocates nothing.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class FlowTsvFormatBenchmarks
{
    private const int Rows = 100_000;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 << 20);
    private Flow[] _flows = [];

    [GlobalSetup]
    public void Setup() => _flows = FlowBulkLoadBenchmarks.SyntheticFlows(Rows);

    /// <summary>One flows row per flow, as FileLoad writes them into the pipe.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int FormatFlowRows()
    {
        _buffer.ResetWrittenCount();
        for (var i = 0; i < _flows.Length; i++)
        {
            FlowRows.Write(_buffer, i, _flows[i]);
        }

        return _buffer.WrittenCount;
    }
}
