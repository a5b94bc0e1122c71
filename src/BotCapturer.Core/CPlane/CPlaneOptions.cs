namespace BotCapturer.CPlane;

/// <summary>Settings of the C-plane: BotMiner's flow filters, epoch and fph window, and the clustering.</summary>
public sealed record CPlaneOptions
{
    /// <summary>The monitored network; C-flows between two internal hosts, or started outside it, are dropped.</summary>
    public CidrSet Internal { get; init; } = CidrSet.PrivateNetworks;

    /// <summary>Apply the internal/external filter (BotMiner §4.1.1, filter F1 of the paper's C-plane).</summary>
    public bool FilterInternal { get; init; } = true;

    /// <summary>Destinations dropped as known-benign (BotMiner's whitelist of popular servers).</summary>
    public CidrSet Whitelist { get; init; } = CidrSet.Empty;

    /// <summary>Keep TCP flows that never completed the SYN / SYN-ACK handshake (BotMiner drops them).</summary>
    public bool KeepUnestablished { get; init; }

    /// <summary>Keep flows of a single packet (the seed dropped them).</summary>
    public bool KeepSinglePacket { get; init; }

    /// <summary>Epoch length: one C-flow per key per epoch (BotMiner: one day).</summary>
    public TimeSpan Epoch { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// fph window; null chooses it from the data: the analysed span (at most one epoch) divided by 24, clamped to
    /// [1 s, 1 h], so a day gives BotMiner's hourly windows and a short capture still gives 24 samples.
    /// </summary>
    public TimeSpan? FphWindow { get; init; }

    /// <summary>Clustering algorithm.</summary>
    public ClusterMethod Method { get; init; } = ClusterMethod.XMeans;

    /// <summary>X-means: the largest number of clusters in each step.</summary>
    public int KMax { get; init; } = 64;

    /// <summary>Seed of every random choice (k-means++ draws); the same seed gives the same clusters.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>DBSCAN: neighbourhood radius in the 52-d space (Euclidean).</summary>
    public double Eps { get; init; } = 0.1;

    /// <summary>DBSCAN: neighbours (itself included) that make a core point.</summary>
    public int MinSamples { get; init; } = 3;

    /// <summary>A one-line problem with the settings, or null.</summary>
    public string? Validate() =>
        Epoch <= TimeSpan.Zero ? "--epoch must be positive"
        : FphWindow is { } w && (w <= TimeSpan.Zero || w > Epoch) ? "--fph-window must be positive and at most one epoch"
        : KMax < 1 ? "--kmax must be at least 1"
        : Eps <= 0 ? "--eps must be positive"
        : MinSamples < 1 ? "--min-samples must be at least 1"
        : null;
}
