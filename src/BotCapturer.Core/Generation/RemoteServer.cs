namespace BotCapturer.Generation;

/// <summary>A host outside the monitored network (or a server inside it), as the capture point sees it.</summary>
/// <param name="Name">DNS name (empty when the host has none).</param>
/// <param name="Address">IPv4 address, host byte order.</param>
/// <param name="RttNs">Round-trip time between the capture point and the host.</param>
/// <param name="MegabitsPerSecond">Bottleneck rate of data coming from the host.</param>
/// <param name="Window">The receive window the host advertises.</param>
/// <param name="Port">The service port clients use (web sites: 443 or 80).</param>
internal sealed record RemoteServer(string Name, uint Address, long RttNs, double MegabitsPerSecond, ushort Window = 65535, ushort Port = 443)
{
    /// <summary>Time between back-to-back full-size segments at the bottleneck.</summary>
    public long SegmentGapNs => (long)(1514 * 8 * 1000 / MegabitsPerSecond);
}
