namespace BotCapturer.Graph;

/// <summary>Effort bounds for the egonet eigenvalue (OddBall's λ).</summary>
public sealed record EgonetOptions
{
    /// <summary>The defaults: at most 100 power iterations, relative tolerance 1e-10, 2·10^7 multiply-adds per egonet.</summary>
    public static readonly EgonetOptions Default = new();

    /// <summary>Power iterations at most, for any egonet.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when λ changes by less than this fraction between iterations.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>
    /// Work cap per egonet: iterations are limited to <c>WorkPerEgonet / (N + edges among neighbours)</c> (but at
    /// least <see cref="MinIterations"/>), so one huge egonet cannot dominate the run. The estimate stays a lower
    /// bound of λ that is at least the exact star value.
    /// </summary>
    public long WorkPerEgonet { get; init; } = 20_000_000;

    /// <summary>Iterations every non-star egonet gets, whatever its size.</summary>
    public int MinIterations { get; init; } = 8;
}
