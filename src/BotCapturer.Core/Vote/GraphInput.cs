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

    /// <summary>No graph opinion at all.</summary>
    public static GraphInput Empty { get; } = new(
        new Dictionary<string, double>(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal),
        new Dictionary<string, string>(StringComparer.Ordinal));
}
