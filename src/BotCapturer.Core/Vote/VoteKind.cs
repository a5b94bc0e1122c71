namespace BotCapturer.Vote;

/// <summary>The opinions a host can collect (DESIGN.md, Vote).</summary>
[Flags]
public enum VoteKind
{
    /// <summary>No vote.</summary>
    None = 0,

    /// <summary>Graph layer: anomalous itself, or an even-weighted member of an anomalous host's egonet.</summary>
    Graph = 1,

    /// <summary>C-plane: shares a C-cluster with at least one other host.</summary>
    CPlane = 2,

    /// <summary>A-plane: member of an A-cluster.</summary>
    APlane = 4,

    /// <summary>BotMiner's cross-plane botscore at or above the threshold.</summary>
    BotScore = 8,
}
