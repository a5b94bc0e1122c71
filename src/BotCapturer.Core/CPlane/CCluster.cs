using BotCapturer.Net;

namespace BotCapturer.CPlane;

/// <summary>A C-cluster (BotMiner §4.1.2): C-flows with similar communication patterns, reported as their source hosts.</summary>
public sealed class CCluster
{
    internal CCluster(int id, IReadOnlyList<CFlowVector> cflows)
    {
        Id = id;
        CFlows = cflows;
        var byHost = new SortedDictionary<HostAddress, int>();
        foreach (var v in cflows)
        {
            byHost[v.Key.Source] = byHost.GetValueOrDefault(v.Key.Source) + 1;
        }

        CFlowsByHost = byHost;
        Hosts = [.. byHost.Keys];
        var centroid = new double[CFlowVector.ReducedDimensions];
        var raw = new double[4];
        foreach (var v in cflows)
        {
            for (var d = 0; d < centroid.Length; d++)
            {
                centroid[d] += v.Reduced[d] / cflows.Count;
            }

            for (var f = 0; f < raw.Length; f++)
            {
                raw[f] += v.RawMeans[f] / cflows.Count;
            }
        }

        Centroid = centroid;
        MeanFeatures = raw;
    }

    /// <summary>0-based, in the order of each cluster's first C-flow.</summary>
    public int Id { get; }

    /// <summary>Distinct source hosts, in address order.</summary>
    public IReadOnlyList<HostAddress> Hosts { get; }

    /// <summary>How many of the cluster's C-flows each host sources.</summary>
    public IReadOnlyDictionary<HostAddress, int> CFlowsByHost { get; }

    /// <summary>The C-flows, in key order.</summary>
    public IReadOnlyList<CFlowVector> CFlows { get; }

    /// <summary>Mean of the members' 8-d reduced vectors.</summary>
    public IReadOnlyList<double> Centroid { get; }

    /// <summary>Mean over members of each raw feature mean: fph, ppf, bpp, bps (a readable summary).</summary>
    public IReadOnlyList<double> MeanFeatures { get; }

    public override string ToString() => $"C-cluster {Id}: {Hosts.Count} hosts, {CFlows.Count} C-flows";
}
