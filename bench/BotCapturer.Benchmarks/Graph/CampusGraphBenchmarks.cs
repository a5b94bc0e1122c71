using BenchmarkDotNet.Attributes;
using BotCapturer.Engine.Analysis.Graph;
using BotCapturer.Graph;

namespace BotCapturer.Benchmarks.Graph;

/// <summary>
/// The BotCapturer campus graph (64,164 hosts, 330,845 edges) from ../shared: reading the edge list and scoring.
/// Fails in the setup, saying so, when ../shared is absent. Run:
/// <c>--filter '*CampusGraphBenchmarks*' --inProcess --launchCount 1 --warmupCount 1 --iterationCount 5</c>.
/// </summary>
[MemoryDiagnoser]
public class CampusGraphBenchmarks
{
    private string _edges = null!;
    private HostGraph _graph = null!;

    [GlobalSetup]
    public void Setup()
    {
        _edges = Path.GetFullPath(Path.Combine(BenchData.RepoRoot, "..", "shared", "datasets", "botcapturer-campus", "edges.csv"));
        if (!File.Exists(_edges))
        {
            throw new InvalidOperationException($"{_edges} is absent: this benchmark needs ../shared");
        }

        _graph = EdgeListReader.ReadAsync(_edges, null, CancellationToken.None).GetAwaiter().GetResult().Build();
    }

    /// <summary>CSV edge list to CSR graph.</summary>
    [Benchmark]
    public HostGraph ReadAndBuild() => EdgeListReader.ReadAsync(_edges, null, CancellationToken.None).GetAwaiter().GetResult().Build();

    /// <summary>Scoring the campus graph.</summary>
    [Benchmark]
    public GraphScores Score() => GraphScorer.Score(_graph);
}
