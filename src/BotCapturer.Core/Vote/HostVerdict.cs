namespace BotCapturer.Vote;

/// <summary>One host's votes and the evidence behind them.</summary>
/// <param name="Host">The host.</param>
/// <param name="Suspicious">At least <see cref="VoteOptions.Quorum"/> votes.</param>
/// <param name="Votes">Which opinions voted.</param>
/// <param name="BotScore">BotMiner's cross-plane botscore s(h).</param>
/// <param name="GraphScore">The graph layer's score (0 when the host is not in the graph).</param>
/// <param name="GraphAnomalous">Flagged by the graph layer itself.</param>
/// <param name="Egonets">The C&amp;C candidates whose even-weighted egonet this host is in: the graph layer's anomalous host, and servers confirmed by a C-cluster (see <see cref="Voter"/>).</param>
/// <param name="CClusters">Ids of the C-clusters this host shares with other hosts.</param>
/// <param name="AClusters">The A-clusters this host is in.</param>
/// <param name="Planes">
/// Planes with any opinion on the host, below the vote bar too: in a C-cluster (even alone), edge weights even in
/// the graph (evenness above 0) or graph-voted, in an A-cluster. Orders hosts with equal votes and botscore.
/// </param>
/// <param name="Beacon">
/// The host's strongest beacon, or null: a lone host's own evidence, which orders hosts with equal votes and botscore
/// (before <paramref name="Planes"/>) but is not a vote (docs/vote.md says why).
/// </param>
public sealed record HostVerdict(
    string Host,
    bool Suspicious,
    VoteKind Votes,
    double BotScore,
    double GraphScore,
    bool GraphAnomalous,
    IReadOnlyList<string> Egonets,
    IReadOnlyList<int> CClusters,
    IReadOnlyList<AClusterInput> AClusters,
    int Planes = 0,
    BeaconInput? Beacon = null)
{
    /// <summary>The names of every combination of the four votes, made once.</summary>
    private static readonly string[] Names = [.. Enumerable.Range(0, 16).Select(v => NamesOf((VoteKind)v))];

    /// <summary>Number of votes.</summary>
    public int VoteCount => System.Numerics.BitOperations.PopCount((uint)Votes);

    /// <summary>The votes as a readable list: <c>graph+cplane+aplane+botscore</c>.</summary>
    public string VoteNames => (uint)Votes < (uint)Names.Length ? Names[(int)Votes] : NamesOf(Votes);

    private static string NamesOf(VoteKind votes) => votes == VoteKind.None
        ? string.Empty
        : string.Join('+', new[] { (VoteKind.Graph, "graph"), (VoteKind.CPlane, "cplane"), (VoteKind.APlane, "aplane"), (VoteKind.BotScore, "botscore") }
            .Where(v => votes.HasFlag(v.Item1)).Select(v => v.Item2));
}
