namespace BotCapturer.Vote;

/// <summary>The voting step's outcome.</summary>
/// <param name="Hosts">Every host, most suspicious first (suspicious, votes, botscore, beacon strength, planes with an opinion, graph score, then host text).</param>
/// <param name="Groups">The host groups, largest first.</param>
public sealed record VoteResult(IReadOnlyList<HostVerdict> Hosts, IReadOnlyList<HostGroup> Groups)
{
    /// <summary>The suspicious hosts, in <see cref="Hosts"/> order.</summary>
    public IEnumerable<HostVerdict> Suspicious => Hosts.Where(h => h.Suspicious);
}
