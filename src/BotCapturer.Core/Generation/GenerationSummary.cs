namespace BotCapturer.Generation;

/// <summary>What a generation wrote.</summary>
/// <param name="Packets">Packet records.</param>
/// <param name="FileBytes">Bytes of the pcap file, header included.</param>
/// <param name="WireBytes">Sum of the packets' lengths on the wire.</param>
/// <param name="InternalHosts">Hosts on the monitored LAN (resolver included).</param>
/// <param name="Hosts">Distinct IPv4 addresses in the capture.</param>
/// <param name="Labels">Ground-truth lines.</param>
public sealed record GenerationSummary(long Packets, long FileBytes, long WireBytes, int InternalHosts, int Hosts, IReadOnlyList<HostLabel> Labels);
