namespace BotCapturer.Graph;

/// <summary>
/// One host's graph-layer result (higher <see cref="Score"/> = more suspicious), with every component kept.
/// </summary>
/// <param name="Host">The host (address or name).</param>
/// <param name="Id">The host's id in the scored <see cref="HostGraph"/>.</param>
/// <param name="Score">Final score: <see cref="OwnScore"/>, raised to the inherited score for an egonet member.</param>
/// <param name="OwnScore"><see cref="Evenness"/> + <see cref="Structural"/>.</param>
/// <param name="Evenness">How strikingly even the edge weights are: sqrt(N − 1) · ln(typical band / own band), 0 when not narrower than typical.</param>
/// <param name="Structural"><c>ln(1 + OutEN + OutWE + OutLW) + ln(max(1, Lof))</c>: OddBall's anomaly, compressed.</param>
/// <param name="OutEN">OddBall out-of-line score against the E ~ N law (near-stars and near-cliques).</param>
/// <param name="OutWE">Out-of-line score against W ~ E (heavy vicinity).</param>
/// <param name="OutLW">Out-of-line score against λ ~ W (dominant heavy link, or weight spread evenly).</param>
/// <param name="Lof">LOF of (ln N, ln E, ln W, ln λ).</param>
/// <param name="Cv">Coefficient of variation of the edge weights (BotCapturer's regularity; 0 below two edges).</param>
/// <param name="WeightRange"><c>ln((max w + unit) / min w)</c>, the width of the band the weights lie in.</param>
/// <param name="N">Neighbours (degree).</param>
/// <param name="E">Edges in the egonet.</param>
/// <param name="W">Total egonet weight.</param>
/// <param name="Lambda">Principal eigenvalue of the weighted egonet.</param>
/// <param name="Weight">Total weight of the host's own edges.</param>
/// <param name="IsAnomalous">Flagged by the graph layer itself (score beyond the modified z-score cut-off).</param>
/// <param name="EgonetOf">The anomalous, even-weighted host whose egonet this host belongs to (best such), or null.</param>
public sealed record HostScore(
    string Host,
    int Id,
    double Score,
    double OwnScore,
    double Evenness,
    double Structural,
    double OutEN,
    double OutWE,
    double OutLW,
    double Lof,
    double Cv,
    double WeightRange,
    int N,
    long E,
    double W,
    double Lambda,
    double Weight,
    bool IsAnomalous,
    string? EgonetOf)
{
    /// <summary>1-based position in the ranking (filled in by <see cref="GraphScores"/>).</summary>
    public int Rank { get; internal set; }

    /// <summary>Degree: the number of partners (the same as <see cref="N"/>).</summary>
    public int Degree => N;
}
