using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BotCapturer.CPlane;

namespace BotCapturer.Benchmarks.CPlane;

/// <summary>
/// C-plane cost at 10^4, 10^5 and 10^6 C-flows (about 2.7 flows each, <see cref="CPlaneData"/>): aggregation of the
/// flows' features, quantization (epochs, fph, percentiles, 52-d and 8-d vectors) and the two-step X-means
/// clustering. Monitoring: one call per iteration, no pilot stage, so the 10^6 cases (a minute of clustering) finish.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CPlaneBenchmarks
{
    private (CFlowKey Key, FlowSample Sample)[] _flows = [];
    private CFlowAggregator _aggregator = null!;
    private CFlowVectorSet _vectors = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int CFlows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _flows = CPlaneData.Flows(CFlows);
        _aggregator = CPlaneData.Aggregate(_flows);
        _vectors = CFlowVectorizer.Vectorize(_aggregator);
    }

    [Benchmark]
    public int Aggregate() => CPlaneData.Aggregate(_flows).CFlowCount;

    [Benchmark]
    public int Quantize() => CFlowVectorizer.Vectorize(_aggregator).Vectors.Count;

    [Benchmark]
    public int Cluster() => CPlaneClusterer.Cluster(_vectors, _aggregator.Options).Clusters.Count;
}
