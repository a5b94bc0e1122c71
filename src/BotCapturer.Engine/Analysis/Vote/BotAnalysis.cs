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

    /// <summary>Runs every analysis (C-plane, graph, beacons, vote) once the flow stream is complete (the sinks' CompleteAsync has been called).</summary>
    public AnalysisResult Analyze(CancellationToken cancellationToken)
    {
        var timings = new List<KeyValuePair<string, TimeSpan>>();
        var clock = Stopwatch.StartNew();
        T Stage<T>(string name, Func<T> run)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = clock.Elapsed;
            var value = run();
            timings.Add(new(name, clock.Elapsed - start));
            return value;
        }

        var cplane = Stage("cplane", () => CFlows.Analyze(cancellationToken));
        var graph = Stage("graph", () => GraphScorer.Score(HostGraph.Builder.Build(), _graph));
        var beacons = Stage("beacon", () => BeaconDetector.Detect(CFlows.Aggregator, _beacon));
        var aplane = Activities.Result;
        var vote = Stage("vote", () => Voter.Vote(VoteInputAdapter.From(graph, cplane, aplane, GraphInput.OtherHosts, beacons), _vote));
        return new AnalysisResult(cplane, graph, aplane, vote, timings, beacons);
    }
}
