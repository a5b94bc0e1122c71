namespace BotCapturer.Graph;

/// <summary>Settings of <see cref="GraphScorer"/>; the defaults are the ones measured in docs/graph.md.</summary>
public sealed record GraphScoringOptions
{
    /// <summary>The defaults.</summary>
    public static readonly GraphScoringOptions Default = new();

    /// <summary>LOF neighbourhood size (Breunig 2000's MinPts; BotCapturer and scikit-learn use 20).</summary>
    public int LofK { get; init; } = 20;

    /// <summary>
    /// The resolution of an edge weight: 1 for packet and flow counts (and bytes). Added to the upper end of a
    /// host's weight range, so that identical tiny counts (single-packet probes) do not look perfectly even.
    /// </summary>
    public double WeightUnit { get; init; } = 1;

    /// <summary>
    /// Modified z-score (Iglewicz and Hoaglin 1993) of ln(evenness) above which a host is anomalous, from the median
    /// and median absolute deviation of ln(evenness) over the hosts whose evenness is positive. Their suggested 3.5
    /// flagged 4 campus hosts and missed the Zeus C&amp;C and most planted botnets with ±25 % jitter; 2.5 is the
    /// measured choice (docs/graph.md).
    /// </summary>
    public double AnomalyZ { get; init; } = 2.5;

    /// <summary>Effort bounds for OddBall's λ.</summary>
    public EgonetOptions Egonet { get; init; } = EgonetOptions.Default;
}
