namespace BotCapturer.Vote;

/// <summary>One host's votes and the evidence behind them.</summary>
/// <param name="Host">The host.</param>
/// <param name="Suspicious">At least <see cref="VoteOptions.Quorum"/> votes.</param>
/// <param name="Votes">Which opinions voted.</param>
/// <param name="BotScore">BotMiner's cross-plane botscore s(h).</param>
/// <param name="GraphScore">The graph layer's score (0 when the host is not in the graph).</param>
/// <param name="GraphAnomalous">Flagged by the graph layer itself.</param>
/// <param name="EgonetOf">The anomalous host whose even-weighted egonet this host is in, or null.</param>
/// <param name="CClusters">Ids of the C-clusters this host shares with other hosts.</param>
/// <param name="AClusters">The A-clusters this host is in.</param>
public sealed record HostVerdict(
    string Host,
    bool Suspicious,
    VoteKind Votes,
    double BotScore,
    double GraphScore,
    bool GraphAnomalous,
    string? EgonetOf,
    IReadOnlyList<int> CClusters,
    IReadOnlyList<AClusterInput> AClusters)
{
    /// <summary>Number of votes.</summary>
    public int VoteCount => System.Numerics.BitOperations.PopCount((uint)Votes);

    /// <summary>The votes as a readable list: <c>graph+cplane+aplane+botscore</c>.</summary>
    public string VoteNames => Votes == VoteKind.None
        ? string.Empty
        : string.Join('+', new[] { (VoteKind.Graph, "graph"), (VoteKind.CPlane, "cplane"), (VoteKind.APlane, "aplane"), (VoteKind.BotScore, "botscore") }
            .Where(v => Votes.HasFlag(v.Item1)).Select(v => v.Item2));
}
