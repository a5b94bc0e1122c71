namespace BotCapturer.Evaluation;

/// <summary>A reported group as read back from <c>groups.json</c>.</summary>
/// <param name="Id">Group id.</param>
/// <param name="Hosts">Members.</param>
/// <param name="Cnc">C&amp;C candidates.</param>
public sealed record ResultGroup(int Id, IReadOnlyList<string> Hosts, IReadOnlyList<string> Cnc);
