namespace BotCapturer.CPlane;

/// <summary>How C-flows are clustered.</summary>
public enum ClusterMethod
{
    /// <summary>BotMiner §4.1.2: X-means on the 8-d vectors, then X-means on the 52-d vectors inside each coarse cluster.</summary>
    XMeans,

    /// <summary>DBSCAN (Ester et al. 1996) on the 52-d vectors; noise C-flows stay unclustered.</summary>
    Dbscan,
}
