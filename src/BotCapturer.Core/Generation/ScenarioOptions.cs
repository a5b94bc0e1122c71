namespace BotCapturer.Generation;

/// <summary>
/// The generated scenario: a LAN (10.1.0.0/16) of benign hosts browsing, resolving names, syncing clocks and
/// sending a little mail, with two botnets among them. Every value has the default the sample in data/ uses.
/// </summary>
public sealed record ScenarioOptions
{
    /// <summary>Seeds every random choice; the same options give a byte-identical capture.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Capture start (simulated time; the wall clock is never read).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(2);

    public int BenignHosts { get; init; } = 40;

    /// <summary>Bots of botnet A (HTTP check-ins, telnet scanning).</summary>
    public int BotsA { get; init; } = 6;

    /// <summary>Bots of botnet B (TCP check-ins to port 4444, binary download, spam).</summary>
    public int BotsB { get; init; } = 5;

    /// <summary>Multiplies the three host counts (for benchmark-sized captures).</summary>
    public int Scale { get; init; } = 1;

    public TimeSpan PeriodA { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan JitterA { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan PeriodB { get; init; } = TimeSpan.FromSeconds(300);

    public TimeSpan JitterB { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes kept per packet, as a sensor's snapshot length (the wire length is always recorded).</summary>
    public int SnapLength { get; init; } = 192;

    /// <summary>Nanosecond timestamps instead of microseconds.</summary>
    public bool Nanoseconds { get; init; }

    /// <summary>A problem with the values, or null.</summary>
    public string? Validate() =>
        Duration <= TimeSpan.Zero ? "the duration must be positive"
        : BenignHosts < 0 || BotsA < 0 || BotsB < 0 ? "host counts cannot be negative"
        : Scale < 1 ? "the scale must be at least 1"
        : (long)(BenignHosts + BotsA + BotsB) * Scale > 60_000 ? "at most 60000 hosts fit in 10.1.0.0/16"
        : PeriodA <= JitterA || PeriodB <= JitterB ? "a check-in period must be longer than its jitter"
        : SnapLength is < 64 or > 262_144 ? "the snapshot length must be between 64 and 262144"
        : Start.ToUnixTimeSeconds() < 0 || (Start + Duration).ToUnixTimeSeconds() > uint.MaxValue ? "the capture must lie between 1970 and 2106"
        : null;
}
