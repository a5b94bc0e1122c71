namespace BotCapturer.Vote;

/// <summary>
/// Pairwise similarity of two hosts. BotMiner §3.5: shared A-clusters count when the pair also shares a C-cluster,
/// and shared C-clusters when it also shares an A-cluster. The graph layer is a third plane here: sharing the
/// egonet of one anomalous host counts 1, and every plane's shared items count when the pair shares something in
/// another plane (so one plane alone never relates two hosts, as in BotMiner).
/// </summary>
public static class HostSimilarity
{
    /// <summary>The similarity of two hosts' verdicts.</summary>
    public static double Of(HostVerdict a, HostVerdict b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var sharedA = a.AClusters.Count(x => b.AClusters.Any(y => y.Id == x.Id));
        var sharedC = a.CClusters.Count(b.CClusters.Contains);
        var sharedG = SharesEgonet(a, b) ? 1 : 0;
        return Of(sharedA, sharedC, sharedG);
    }

    /// <summary>The similarity from the counts of shared A-clusters, C-clusters and egonets.</summary>
    public static double Of(int sharedA, int sharedC, int sharedEgonet)
    {
        var s = 0;
        if (sharedC > 0 || sharedEgonet > 0)
        {
            s += sharedA;
        }

        if (sharedA > 0 || sharedEgonet > 0)
        {
            s += sharedC;
        }

        if (sharedA > 0 || sharedC > 0)
        {
            s += sharedEgonet;
        }

        return s;
    }

    /// <summary>Both in the egonet of the same C&amp;C candidate, or one is the candidate of the other's egonet.</summary>
    public static bool SharesEgonet(HostVerdict a, HostVerdict b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Egonets.Any(b.Egonets.Contains) || a.Egonets.Contains(b.Host) || b.Egonets.Contains(a.Host);
    }
}
