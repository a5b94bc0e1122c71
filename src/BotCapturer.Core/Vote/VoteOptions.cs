namespace BotCapturer.Vote;

/// <summary>Settings of <see cref="Voter"/>; the defaults are the ones measured in docs/vote.md.</summary>
public sealed record VoteOptions
{
    /// <summary>The defaults.</summary>
    public static readonly VoteOptions Default = new();

    /// <summary>Votes (of graph, C-plane, A-plane, botscore) a host needs to be suspicious.</summary>
    public int Quorum { get; init; } = 2;

    /// <summary>Botscore s(h) at or above which the botscore votes (BotMiner §3.5's threshold θ).</summary>
    public double BotScoreThreshold { get; init; } = 0.5;

    /// <summary>
    /// Average-linkage cut: two groups merge while the mean pairwise similarity between their members is at least
    /// this. A related pair scores at least 2 (one shared item plus the item of another plane that confirms it).
    /// </summary>
    public double GroupCut { get; init; } = 1.0;

    /// <summary>
    /// Modified z-score (Iglewicz and Hoaglin 1993) of ln(evenness), over the hosts with positive evenness, at or
    /// above which a server that a C-cluster talks to exclusively is confirmed as a C&amp;C candidate: a lower bar than
    /// the graph layer's own 2.5 because a second plane confirms it. With a zero MAD every host above the median passes.
    /// </summary>
    public double ConfirmZ { get; init; } = 1.0;

    /// <summary>Groups smaller than this are not reported (their hosts stay suspicious in the host table).</summary>
    public int MinGroupSize { get; init; } = 2;

    /// <summary>Checks the values; returns a one-line problem or null.</summary>
    public string? Validate() =>
        Quorum is < 1 or > 4 ? "quorum must be between 1 and 4"
        : BotScoreThreshold < 0 || double.IsNaN(BotScoreThreshold) ? "botscore threshold must be non-negative"
        : GroupCut <= 0 || double.IsNaN(GroupCut) ? "group cut must be positive"
        : MinGroupSize < 1 ? "minimum group size must be at least 1"
        : null;
}
