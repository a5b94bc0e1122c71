namespace BotCapturer.Graph;

/// <summary>
/// The graph layer's result, shaped for the voting step: every host ranked by score, lookup by host, the anomalous
/// hosts, and for each anomalous even-weighted host the members of its egonet (its partners, all inside its band).
/// </summary>
public sealed class GraphScores
{
    private Dictionary<string, HostScore>? _byHost;

    internal GraphScores(
        List<HostScore> ranked,
        IReadOnlyDictionary<string, IReadOnlyList<string>> egonetMembers,
        GraphModel model)
    {
        ranked.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Host, b.Host));
        for (var i = 0; i < ranked.Count; i++)
        {
            ranked[i].Rank = i + 1;
        }

        Ranked = ranked;
        Anomalous = ranked.Where(s => s.IsAnomalous).ToList();
        EgonetMembers = egonetMembers;
        Model = model;
    }

    /// <summary>Every host, highest score first (ties by host text, so the order is deterministic).</summary>
    public IReadOnlyList<HostScore> Ranked { get; }

    /// <summary>The hosts the graph layer flags itself, highest score first.</summary>
    public IReadOnlyList<HostScore> Anomalous { get; }

    /// <summary>Anomalous even-weighted host → the partners in its egonet (the hosts it lends a graph vote to).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> EgonetMembers { get; }

    /// <summary>The fitted laws and thresholds the scores were computed with.</summary>
    public GraphModel Model { get; }

    /// <summary>Number of scored hosts.</summary>
    public int Count => Ranked.Count;

    /// <summary>The result for one host, if it is in the graph.</summary>
    public bool TryGet(string host, out HostScore score) => ByHost.TryGetValue(host, out score!);

    /// <summary>Every host's result by host text (made when first asked for: a run's vote asks, the graph's file does not).</summary>
    public IReadOnlyDictionary<string, HostScore> ByHost =>
        LazyInitializer.EnsureInitialized(ref _byHost, () => Ranked.ToDictionary(s => s.Host, StringComparer.Ordinal));

    /// <summary>Hosts that get a graph vote: anomalous ones and members of an anomalous host's even-weighted egonet.</summary>
    public IEnumerable<HostScore> Voted => Ranked.Where(s => s.IsAnomalous || s.EgonetOf is not null);
}
