namespace BotCapturer.Beaconing;

/// <summary>Settings of <see cref="BeaconDetector"/>; docs/beacon.md says why each default is what it is.</summary>
public sealed record BeaconOptions
{
    /// <summary>The defaults.</summary>
    public static readonly BeaconOptions Default = new();

    /// <summary>Fewest flows a C-flow needs to be tested: three starts give two intervals, the least that can repeat.</summary>
    public int MinFlows { get; init; } = 3;

    /// <summary>
    /// Deviations of an interval from the mean interval smaller than this count as this much (seconds). Flow starts
    /// closer than about a second are one burst of an activity (a page's embedded objects, Barford and Crovella 1998's
    /// "active OFF" times), not separate arrivals, so regularity finer than this is not credited.
    /// </summary>
    public double JitterFloorSeconds { get; init; } = 1.0;

    /// <summary>
    /// Family-wise error rate over every C-flow tested in the analysis (Bonferroni): a C-flow is a beacon when its
    /// p-value times the number of tested C-flows is at most this.
    /// </summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>
    /// Destination ports whose timing the protocol itself sets and that every host uses: DNS 53 (cache expiry),
    /// NTP 123 (poll interval 2^τ s, RFC 5905 §7.3), DNS over TLS 853 (RFC 7858). C-flows to them are not tested.
    /// </summary>
    public IReadOnlySet<ushort> ExcludedPorts { get; init; } = new HashSet<ushort> { 53, 123, 853 };

    /// <summary>A one-line problem with the settings, or null.</summary>
    public string? Validate() =>
        MinFlows < 3 ? "--beacon-min-flows must be at least 3"
        : !(JitterFloorSeconds > 0) || double.IsInfinity(JitterFloorSeconds) ? "--beacon-jitter must be a positive number of seconds"
        : !(Alpha > 0 && Alpha < 1) ? "--beacon-alpha must be between 0 and 1"
        : null;
}
