namespace BotCapturer.Evaluation;

/// <summary>One line of a labels CSV <c>host,role[,family]</c>.</summary>
/// <param name="Host">The host address (as written in result files).</param>
/// <param name="Role"><c>bot</c>, <c>cnc</c>, or anything else (benign).</param>
/// <param name="Family">Botnet family, or empty.</param>
public sealed record HostLabel(string Host, string Role, string Family)
{
    /// <summary>A bot or a C&amp;C server: a positive for detection metrics.</summary>
    public bool IsMalicious => IsBot || IsCnc;

    /// <summary>Role <c>bot</c>.</summary>
    public bool IsBot => string.Equals(Role, "bot", StringComparison.OrdinalIgnoreCase);

    /// <summary>Role <c>cnc</c>.</summary>
    public bool IsCnc => string.Equals(Role, "cnc", StringComparison.OrdinalIgnoreCase);
}
