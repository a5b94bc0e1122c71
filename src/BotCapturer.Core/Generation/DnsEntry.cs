namespace BotCapturer.Generation;

/// <summary>What the simulated Internet's DNS holds for one name: its addresses, or (for a mail domain) its MX host.</summary>
internal sealed record DnsEntry(uint[] Addresses, uint Ttl, string? MailHost = null);
