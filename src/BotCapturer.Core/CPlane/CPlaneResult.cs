using BotCapturer.Net;

namespace BotCapturer.CPlane;

/// <summary>The C-plane's outcome: the quantized C-flows and their clusters, with host ↔ cluster look-ups for voting.</summary>
public sealed class CPlaneResult
{
    private static readonly IReadOnlyList<int> None = [];
    private readonly Dictionary<HostAddress, IReadOnlyList<int>> _clustersByHost;

    internal CPlaneResult(CFlowVectorSet vectors, IReadOnlyList<CCluster> clusters, IReadOnlyList<int> labels, ClusterMethod method)
    {
        Vectors = vectors;
        Clusters = clusters;
        Labels = labels;
        Method = method;
        _clustersByHost = clusters
            .SelectMany(c => c.Hosts.Select(h => (Host: h, c.Id)))
            .GroupBy(x => x.Host)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(x => x.Id).Order()]);
    }

    public CFlowVectorSet Vectors { get; }

    /// <summary>Clusters by id.</summary>
    public IReadOnlyList<CCluster> Clusters { get; }

    /// <summary>The cluster id of each vector of <see cref="Vectors"/> (same order); -1 for DBSCAN noise.</summary>
    public IReadOnlyList<int> Labels { get; }

    public ClusterMethod Method { get; }

    /// <summary>Hosts that source at least one clustered C-flow.</summary>
    public IEnumerable<HostAddress> Hosts => _clustersByHost.Keys;

    /// <summary>Ids of the clusters a host has C-flows in (ascending; empty when none).</summary>
    public IReadOnlyList<int> ClustersOf(HostAddress host) => _clustersByHost.GetValueOrDefault(host, None);

    /// <summary>The source hosts of a cluster.</summary>
    public IReadOnlyList<HostAddress> HostsOf(int clusterId) => Clusters[clusterId].Hosts;
}
