namespace BotCapturer.Vote;

/// <summary>The graph layer's opinion as the voting step sees it.</summary>
/// <param name="Scores">Graph score per host (higher = more suspicious).</param>
/// <param name="Anomalous">Hosts the graph layer flags itself.</param>
/// <param name="EgonetOf">Even-weighted egonet member → the anomalous host it hangs off.</param>
public sealed record GraphInput(
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlySet<string> Anomalous,
    IReadOnlyDictionary<string, string> EgonetOf)
{
    /// <summary>
    /// The graph layer's evenness per host (0 when its edge weights are not narrower than typical); a C-cluster that
    /// talks only to a host whose evenness stands out (see <see cref="VoteOptions.ConfirmZ"/>) confirms it as a C&amp;C
    /// candidate (see <see cref="Voter"/>).
    /// </summary>
    public IReadOnlyDictionary<string, double> Evenness { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>
    /// Optional: every host of <see cref="Scores"/> with its score and evenness, ordered as the graph ranks them (score
    /// highest first, then host text, ordinal). With it the vote walks the graph's hosts in order instead of looking
    /// each one up and sorting them again (tens of thousands after a large capture); without it, or when it is not in
    /// that order, the vote sorts.
    /// </summary>
    public IReadOnlyList<RankedHost>? Ranked { get; init; }

    /// <summary>No graph opinion at all.</summary>
    public static GraphInput Empty { get; } = new(
        new Dictionary<string, double>(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal),
        new Dictionary<string, string>(StringComparer.Ordinal));
}
