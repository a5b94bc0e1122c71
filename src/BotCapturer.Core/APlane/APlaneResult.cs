using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// What the A-plane found: the activities, their A-clusters, and the lookups the voting step needs
/// (host → its A-clusters; cluster → hosts, type and weight are on <see cref="ACluster"/>).
/// </summary>
public sealed class APlaneResult
{
    private readonly Dictionary<HostAddress, List<ACluster>> _byHost = [];

    /// <summary>Builds the result and its host index.</summary>
    public APlaneResult(IReadOnlyList<Activity> activities, IReadOnlyList<int> clusterOfActivity, IReadOnlyList<ACluster> clusters)
    {
        Activities = activities;
        ClusterOfActivity = clusterOfActivity;
        Clusters = clusters;
        foreach (var cluster in clusters)
        {
            foreach (var host in cluster.Hosts)
            {
                if (!_byHost.TryGetValue(host, out var list))
                {
                    _byHost[host] = list = [];
                }

                list.Add(cluster);
            }
        }
    }

    /// <summary>An empty result.</summary>
    public static APlaneResult Empty { get; } = new([], [], []);

    /// <summary>Every activity, ordered by type, host and start.</summary>
    public IReadOnlyList<Activity> Activities { get; }

    /// <summary>For each activity (same index), the <see cref="ACluster.Id"/> it belongs to.</summary>
    public IReadOnlyList<int> ClusterOfActivity { get; }

    /// <summary>The A-clusters, ordered by id.</summary>
    public IReadOnlyList<ACluster> Clusters { get; }

    /// <summary>Hosts that are in at least one A-cluster.</summary>
    public IReadOnlyCollection<HostAddress> Hosts => _byHost.Keys;

    /// <summary>The A-clusters a host is in (empty when none).</summary>
    public IReadOnlyList<ACluster> ClustersOf(HostAddress host) => _byHost.TryGetValue(host, out var list) ? list : [];
}
