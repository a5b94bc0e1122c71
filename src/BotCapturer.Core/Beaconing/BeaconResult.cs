using BotCapturer.Net;

namespace BotCapturer.Beaconing;

/// <summary>The beacons of one analysis, strongest first, and how many C-flows were tested.</summary>
/// <param name="Tested">C-flows with enough flows on a port that is not excluded (the Bonferroni count).</param>
/// <param name="Beacons">Significant C-flows, strongest first.</param>
public sealed record BeaconResult(int Tested, IReadOnlyList<Beacon> Beacons)
{
    /// <summary>No beacons.</summary>
    public static BeaconResult Empty { get; } = new(0, []);

    /// <summary>Each host's strongest beacon.</summary>
    public Dictionary<HostAddress, Beacon> StrongestByHost() =>
        Beacons.GroupBy(b => b.Key.Source).ToDictionary(g => g.Key, g => g.First());
}
