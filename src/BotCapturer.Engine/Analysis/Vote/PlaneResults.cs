using BotCapturer.APlane;
using BotCapturer.Beaconing;
using BotCapturer.CPlane;
using BotCapturer.Graph;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>What the analyses before the vote found, with the time each took.</summary>
public sealed record PlaneResults(
    CPlaneResult CPlane,
    GraphScores Graph,
    APlaneResult APlane,
    BeaconResult Beacons,
    IReadOnlyList<KeyValuePair<string, TimeSpan>> Timings);
