using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// One detected activity of one host (BotMiner §3.3: the A-plane's unit, later clustered by type and target).
/// </summary>
/// <param name="Type">What the host did.</param>
/// <param name="Host">The host that did it (the scanner, the downloader, the spammer, the signature's sender).</param>
/// <param name="Target">Human-readable target: scanned port and subnet, service, server, signature name.</param>
/// <param name="ClusterKey">Activities with the same type and key form one A-cluster (spam is grouped by overlapping destinations instead).</param>
/// <param name="StartNs">First flow of the activity, nanoseconds since the Unix epoch.</param>
/// <param name="EndNs">Last flow of the activity.</param>
/// <param name="Count">How many flows (or distinct targets, for scans) the activity rests on.</param>
/// <param name="Evidence">What was seen, in numbers.</param>
/// <param name="Weight">BotMiner's w(A) ≥ 1 for this activity's kind (or the signature's own weight).</param>
public sealed record Activity(
    ActivityType Type,
    HostAddress Host,
    string Target,
    string ClusterKey,
    long StartNs,
    long EndNs,
    long Count,
    string Evidence,
    double Weight)
{
    /// <summary>Spam only: the distinct mail servers contacted, sorted (A-clustering joins spammers whose sets overlap).</summary>
    public IReadOnlyList<HostAddress> Destinations { get; init; } = [];

    /// <summary>The one host the activity aims at, when there is one: the vertically scanned victim, the brute-forced
    /// server, the download server, the signature's first peer; null for horizontal scans and spam (many targets).</summary>
    public HostAddress? TargetHost { get; init; }

    /// <summary>Lowest destination port of the activity (the scanned port, the service, the download or signature port); null when none applies.</summary>
    public ushort? PortLow { get; init; }

    /// <summary>Highest destination port: equal to <see cref="PortLow"/> unless a vertical scan covered a range.</summary>
    public ushort? PortHigh { get; init; }
}
