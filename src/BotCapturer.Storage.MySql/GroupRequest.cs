namespace BotCapturer.Storage.MySql;

/// <summary>The group a load goes into: created when missing; an existing one with another name is refused unless <paramref name="Append"/>.</summary>
public sealed record GroupRequest(long Id, string? Name, string? Note, bool Append);
