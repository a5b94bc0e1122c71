using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// An A-cluster (BotMiner §3.4): hosts that did the same kind of activity against the same target.
/// </summary>
/// <param name="Id">Stable number within one result (ordered by type, then key).</param>
/// <param name="Type">The activity type.</param>
/// <param name="Key">What the members share: scanned port and target subnet, binary hash, signature, service, spam server set.</param>
/// <param name="Target">A readable description of the shared target.</param>
/// <param name="Hosts">The member hosts, sorted.</param>
/// <param name="Weight">BotMiner's w(A_i) ≥ 1.</param>
/// <param name="ActivityCount">Activities in the cluster.</param>
/// <param name="StartNs">Earliest activity start.</param>
/// <param name="EndNs">Latest activity end.</param>
public sealed record ACluster(
    int Id,
    ActivityType Type,
    string Key,
    string Target,
    IReadOnlyList<HostAddress> Hosts,
    double Weight,
    int ActivityCount,
    long StartNs,
    long EndNs);
