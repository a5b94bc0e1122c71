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
    private readonly Lock _gate = new();
    private Task<(CPlaneResult Value, TimeSpan Elapsed)>? _cplane;
    private Task<(GraphScores Value, TimeSpan Elapsed)>? _graphScores;

    /// <summary>Sinks set up with each stage's options.</summary>
    public BotAnalysis(CPlaneOptions cplane, APlaneOptions aplane, GraphScoringOptions graph, VoteOptions vote, EdgeWeightKind weight = EdgeWeightKind.Packets, BeaconOptions? beacon = null)
    {
        _beacon = beacon ?? BeaconOptions.Default;
        _graph = graph;
        _vote = vote;
        CFlows = new CFlowSink(cplane);
        HostGraph = new HostGraphSink(weight, hostsOnly: true);
        Activities = new ActivitySink(aplane);
    }

    /// <summary>The C-flow aggregate.</summary>
    public CFlowSink CFlows { get; }

    /// <summary>The host graph, of flows between two hosts only (multicast, broadcast and unspecified ends are left out).</summary>
    public HostGraphSink HostGraph { get; }

    /// <summary>The A-plane detectors.</summary>
    public ActivitySink Activities { get; }

    /// <summary>
    /// The sinks to attach to the flow stream. C-plane clustering and graph scoring start as soon as their own sink has
    /// completed, while the A-plane sink is still ending (<see cref="AnalyzePlanes"/> waits for them).
    /// </summary>
    public IReadOnlyList<IFlowSink> Sinks => [new AfterCompletionSink(CFlows, StartCPlane), new AfterCompletionSink(HostGraph, StartGraph), Activities];

    /// <summary>Runs every analysis on what the sinks collected, then the vote (<see cref="AnalyzePlanes"/>, <see cref="Vote"/>).</summary>
    public AnalysisResult Analyze(CancellationToken cancellationToken) => Vote(AnalyzePlanes(cancellationToken), cancellationToken);

    /// <summary>
    /// Clusters the C-plane and scores the host graph at the same time (started when their sinks completed, or now),
    /// then tests beacons; the A-plane's activities are ready from the sinks. The vote (<see cref="Vote"/>) needs all
    /// of them; their files can be written meanwhile.
    /// </summary>
    public PlaneResults AnalyzePlanes(CancellationToken cancellationToken)
    {
        StartCPlane(cancellationToken);
        StartGraph(cancellationToken);
        var (cplane, cplaneTime) = _cplane!.GetAwaiter().GetResult();
        var (graph, graphTime) = _graphScores!.GetAwaiter().GetResult();
        var (beacons, beaconTime) = Stage(() => BeaconDetector.Detect(CFlows.Aggregator, _beacon), cancellationToken);
        return new PlaneResults(cplane, graph, Activities.Result, beacons, [new("cplane", cplaneTime), new("graph", graphTime), new("beacon", beaconTime)]);
    }

    /// <summary>Votes on the planes' results (BotMiner's cross-plane correlation plus the graph's anomalies).</summary>
    public AnalysisResult Vote(PlaneResults planes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planes);
        var (vote, voteTime) = Stage(() => Voter.Vote(VoteInputAdapter.From(planes.Graph, planes.CPlane, planes.APlane, HostGraph.OtherHosts, planes.Beacons), _vote), cancellationToken);
        return new AnalysisResult(planes.CPlane, planes.Graph, planes.APlane, vote, [.. planes.Timings, new("vote", voteTime)], planes.Beacons);
    }

    private void StartCPlane(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _cplane ??= Task.Run(() => Stage(() => CFlows.Analyze(cancellationToken), cancellationToken), cancellationToken);
        }
    }

    private void StartGraph(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _graphScores ??= Task.Run(() => Stage(() => GraphScorer.Score(HostGraph.Builder.Build(), _graph), cancellationToken), cancellationToken);
        }
    }

    private static (T Value, TimeSpan Elapsed) Stage<T>(Func<T> run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var value = run();
        return (value, clock.Elapsed);
    }
}
