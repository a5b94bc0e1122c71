using System.Diagnostics;
using BotCapturer.APlane;
using BotCapturer.Beaconing;
using BotCapturer.CPlane;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Engine.Analysis.CPlane;
using BotCapturer.Engine.Analysis.Graph;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Graph;
using BotCapturer.Vote;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>
/// The analysis end of DESIGN.md's Dataflow graph: the three plane sinks fed by one flow stream (in memory or from
/// a stored group), then C-plane clustering, graph scoring, A-clusters and the vote.
/// </summary>
public sealed class BotAnalysis
{
    private readonly GraphScoringOptions _graph;
    private readonly VoteOptions _vote;
    private readonly BeaconOptions _beacon;

    /// <summary>Sinks set up with each stage's options.</summary>
    public BotAnalysis(CPlaneOptions cplane, APlaneOptions aplane, GraphScoringOptions graph, VoteOptions vote, EdgeWeightKind weight = EdgeWeightKind.Packets, BeaconOptions? beacon = null)
    {
        _beacon = beacon ?? BeaconOptions.Default;
        _graph = graph;
        _vote = vote;
        CFlows = new CFlowSink(cplane);
        HostGraph = new HostGraphSink(weight);
        Activities = new ActivitySink(aplane);
        GraphInput = new HostFlowFilter(HostGraph);
    }

    /// <summary>The C-flow aggregate.</summary>
    public CFlowSink CFlows { get; }

    /// <summary>The host graph.</summary>
    public HostGraphSink HostGraph { get; }

    /// <summary>The host graph's input: flows between two hosts only.</summary>
    public HostFlowFilter GraphInput { get; }

    /// <summary>The A-plane detectors.</summary>
    public ActivitySink Activities { get; }

    /// <summary>The sinks to attach to the flow stream.</summary>
    public IReadOnlyList<IFlowSink> Sinks => [CFlows, GraphInput, Activities];

    /// <summary>
    /// Runs every analysis once the flow stream is complete (the sinks' CompleteAsync has been called): C-plane,
    /// graph, beacons, vote. C-plane clustering and graph scoring do not depend on each other and run at the same
    /// time; the vote needs them all.
    /// </summary>
    public AnalysisResult Analyze(CancellationToken cancellationToken)
    {
        (T Value, TimeSpan Elapsed) Stage<T>(Func<T> run)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var value = run();
            return (value, clock.Elapsed);
        }

        var graphTask = Task.Run(() => Stage(() => GraphScorer.Score(HostGraph.Builder.Build(), _graph)), cancellationToken);
        var (cplane, cplaneTime) = Stage(() => CFlows.Analyze(cancellationToken));
        var (graph, graphTime) = graphTask.GetAwaiter().GetResult();
        var (beacons, beaconTime) = Stage(() => BeaconDetector.Detect(CFlows.Aggregator, _beacon));
        var aplane = Activities.Result;
        var (vote, voteTime) = Stage(() => Voter.Vote(VoteInputAdapter.From(graph, cplane, aplane, GraphInput.OtherHosts, beacons), _vote));
        List<KeyValuePair<string, TimeSpan>> timings = [new("cplane", cplaneTime), new("graph", graphTime), new("beacon", beaconTime), new("vote", voteTime)];
        return new AnalysisResult(cplane, graph, aplane, vote, timings, beacons);
    }
}
