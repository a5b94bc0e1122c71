namespace BotCapturer.Generation;

/// <summary>Ground truth for one host of a generated capture: a line of the labels CSV (<c>host,role,family</c>).</summary>
/// <param name="Host">IPv4 address.</param>
/// <param name="Role"><c>bot</c> or <c>cnc</c>.</param>
/// <param name="Family">The botnet: <c>botnet-a</c> or <c>botnet-b</c>.</param>
public sealed record HostLabel(string Host, string Role, string Family);
