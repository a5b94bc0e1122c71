namespace BotCapturer.Vote;

/// <summary>Everything the voting step combines, independent of the planes' own types.</summary>
/// <param name="Hosts">Hosts seen besides those the graph scores, or every host (hosts with no opinion from any plane get a row with zero votes).</param>
/// <param name="Graph">Graph-layer scores, anomalous hosts and egonets.</param>
/// <param name="CClusters">C-plane clusters.</param>
/// <param name="AClusters">A-plane clusters.</param>
public sealed record VoteInputs(
    IReadOnlyCollection<string> Hosts,
    GraphInput Graph,
    IReadOnlyList<CClusterInput> CClusters,
    IReadOnlyList<AClusterInput> AClusters)
{
    /// <summary>Host → its strongest beacon (C-flow timing, a per-host signal; it orders hosts but casts no vote).</summary>
    public IReadOnlyDictionary<string, BeaconInput> Beacons { get; init; } = new Dictionary<string, BeaconInput>(StringComparer.Ordinal);
}
