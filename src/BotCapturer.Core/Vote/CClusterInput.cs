namespace BotCapturer.Vote;

/// <summary>A C-cluster as the voting step sees it (BotMiner §4.1.2): an id and its source hosts.</summary>
/// <param name="Id">The C-plane's cluster id.</param>
/// <param name="Hosts">Distinct source hosts of the cluster's C-flows.</param>
/// <param name="Server">The one destination every C-flow of the cluster goes to, or null when there are several.</param>
public sealed record CClusterInput(int Id, IReadOnlyList<string> Hosts, string? Server = null);
