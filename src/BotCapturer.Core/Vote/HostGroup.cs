namespace BotCapturer.Vote;

/// <summary>Suspicious hosts that act like one botnet, with the evidence.</summary>
/// <param name="Id">1-based, largest group first.</param>
/// <param name="Hosts">Members, in ordinal order.</param>
/// <param name="Cnc">C&amp;C candidates: anomalous hosts whose even-weighted egonet holds members, most members first.</param>
/// <param name="Evidence">Each member's verdict, same order as <see cref="Hosts"/>.</param>
/// <param name="Cohesion">Mean pairwise similarity of the members.</param>
public sealed record HostGroup(
    int Id,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Cnc,
    IReadOnlyList<HostVerdict> Evidence,
    double Cohesion);
