using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BotCapturer.Vote;

namespace BotCapturer.Benchmarks.Vote;

/// <summary>
/// The voting stage at 10^3, 10^4 and 3·10^4 hosts (<see cref="VoteData"/>): botscore (BotMiner §3.5) over the A- and
/// C-clusters, and the whole vote (per-host votes, then average-linkage grouping of the suspicious hosts, about 5 % of
/// them). The grouping is cubic in the suspicious hosts: at 10^5 hosts (5,422 suspicious) one vote took 211 s, so that
/// size is left out (docs/cplane.md).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class VoteBenchmarks
{
    private VoteInputs _inputs = null!;

    [Params(1_000, 10_000, 30_000)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup() => _inputs = VoteData.Inputs(Hosts);

    [Benchmark]
    public int BotScores() => BotScore.Compute(_inputs.AClusters, _inputs.CClusters).Count;

    [Benchmark]
    public int Vote() => Voter.Vote(_inputs).Groups.Count;
}
