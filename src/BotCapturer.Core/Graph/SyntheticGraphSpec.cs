namespace BotCapturer.Graph;

/// <summary>Parameters of <see cref="SyntheticGraph.Generate"/>.</summary>
public sealed record SyntheticGraphSpec
{
    /// <summary>Background hosts.</summary>
    public int Hosts { get; init; } = 10_000;

    /// <summary>Edges each new background host brings (so about Hosts · EdgesPerHost edges).</summary>
    public int EdgesPerHost { get; init; } = 5;

    /// <summary>ln of the median background packet count.</summary>
    public double LogMean { get; init; } = 3;

    /// <summary>Spread of ln(packets) on background edges.</summary>
    public double LogSigma { get; init; } = 1.5;

    /// <summary>Planted botnets.</summary>
    public int Botnets { get; init; } = 3;

    /// <summary>Fewest bots per botnet.</summary>
    public int MinBots { get; init; } = 20;

    /// <summary>Most bots per botnet.</summary>
    public int MaxBots { get; init; } = 80;

    /// <summary>Lowest typical packets per bot (each botnet draws its own, up to e² times this).</summary>
    public double BeaconPackets { get; init; } = 50;

    /// <summary>Relative spread of a bot's packets around its botnet's typical count (0.25: ±25 %).</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>
    /// Popular services (confounders): hosts each linked to <see cref="ServiceClients"/> background hosts with
    /// log-normal packet counts of spread <see cref="ServiceLogSigma"/>: many partners, fairly even weights, not bots.
    /// </summary>
    public int Services { get; init; }

    /// <summary>Clients per popular service.</summary>
    public int ServiceClients { get; init; } = 500;

    /// <summary>Spread of ln(packets) on a service's edges (0.5: most within a factor of e of the median).</summary>
    public double ServiceLogSigma { get; init; } = 0.5;

    /// <summary>Random seed: the same spec gives the same graph.</summary>
    public int Seed { get; init; } = 1;
}
