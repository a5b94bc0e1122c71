using System.Text;
using BenchmarkDotNet.Attributes;
using BotCapturer.Engine.Output;
using BotCapturer.Flows;

namespace BotCapturer.Benchmarks.Output;

/// <summary>
/// The conn.log writer on one pipeline batch, into a UTF-8 StreamWriter over Stream.Null (as <c>flows --format zeek</c>
/// sets it up), against the writer before AsciiRow. Times are per row (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class ZeekConnFormatBenchmarks
{
    private const int Rows = 4_096;
    private readonly StreamWriter _text = new(Stream.Null, new UTF8Encoding(false), 1 << 16);
    private Flow[] _flows = [];
    private BaselineZeekConnWriter _before = null!;
    private ZeekConnWriter _after = null!;

    [GlobalSetup]
    public void Setup()
    {
        _flows = FlowCsvFormatBenchmarks.MixLikeFlows(Rows);
        var clock = () => new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);
        _before = new BaselineZeekConnWriter(_text, clock);
        _after = new ZeekConnWriter(_text, clock);
    }

    [GlobalCleanup]
    public void Cleanup() => _text.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public ValueTask Before() => _before.ConsumeAsync(_flows, CancellationToken.None);

    [Benchmark(OperationsPerInvoke = Rows)]
    public ValueTask AsciiRow() => _after.ConsumeAsync(_flows, CancellationToken.None);
}
