using BotCapturer.APlane;
using BotCapturer.Beaconing;
using BotCapturer.CPlane;
using BotCapturer.Graph;
using BotCapturer.Vote;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>Every plane's result and the verdicts of one analysis, with the time each stage took.</summary>
/// <param name="CPlane">C-flows and C-clusters.</param>
/// <param name="Graph">Graph scores.</param>
/// <param name="APlane">Activities and A-clusters.</param>
/// <param name="Vote">Host verdicts and groups.</param>
/// <param name="Beacons">C-flows that beacon (regular check-ins of one host to one server).</param>
/// <param name="Timings">Stage name → wall time, in stage order.</param>
public sealed record AnalysisResult(
    CPlaneResult CPlane,
    GraphScores Graph,
    APlaneResult APlane,
    VoteResult Vote,
    IReadOnlyList<KeyValuePair<string, TimeSpan>> Timings,
    BeaconResult Beacons);
