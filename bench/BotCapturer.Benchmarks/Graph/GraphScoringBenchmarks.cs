using BenchmarkDotNet.Attributes;
using BotCapturer.Graph;

namespace BotCapturer.Benchmarks.Graph;

/// <summary>
/// Scoring cost against graph size: preferential-attachment graphs (10 edges per host, log-normal weights, three
/// planted botnets) of 10^5, 10^6 and 10^7 edges. Graph generation is in the setup, not measured. The largest case
/// takes about a minute a run, so run it short and in-process (docs/graph.md has the numbers):
/// <c>--filter '*GraphScoringBenchmarks*' --inProcess --launchCount 1 --warmupCount 1 --iterationCount 3</c>.
/// </summary>
[MemoryDiagnoser]
public class GraphScoringBenchmarks
{
    private HostGraph _graph = null!;

    [Params(100_000, 1_000_000, 10_000_000)]
    public int Edges { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = new SyntheticGraphSpec { Hosts = Edges / 10, EdgesPerHost = 10, Botnets = 3, Seed = 5 };
        _graph = SyntheticGraph.Generate(spec, out _, out _).Build();
    }

    /// <summary>Egonet features alone (triangle listing + λ).</summary>
    [Benchmark]
    public EgonetFeatures Egonets() => EgonetFeatures.Compute(_graph);

    /// <summary>The whole graph layer: features, fits, LOF, evenness, expansion, ranking.</summary>
    [Benchmark]
    public GraphScores Score() => GraphScorer.Score(_graph);
}
