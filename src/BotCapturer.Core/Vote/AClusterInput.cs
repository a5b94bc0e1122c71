namespace BotCapturer.Vote;

/// <summary>An A-cluster as the voting step sees it (BotMiner §3.4): activity type, weight w(A) ≥ 1 and hosts.</summary>
/// <param name="Id">The A-plane's cluster id.</param>
/// <param name="Type">Activity type (scan, spam, binary download, ...); the botscore pairs only clusters of different types.</param>
/// <param name="Weight">BotMiner's w(A_i).</param>
/// <param name="Hosts">Member hosts.</param>
/// <param name="Target">Readable shared target (for the evidence).</param>
public sealed record AClusterInput(int Id, string Type, double Weight, IReadOnlyList<string> Hosts, string Target);
