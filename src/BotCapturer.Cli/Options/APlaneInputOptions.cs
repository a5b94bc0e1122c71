using BotCapturer.APlane;
using CommandLine;

namespace BotCapturer.Cli.Options;

/// <summary>
/// Options of every command that runs the A-plane (<c>activities</c> now, <c>run</c> later): capture inputs plus the
/// signature files and the detectors' main thresholds. Defaults are <see cref="APlaneOptions.Default"/>'s.
/// </summary>
internal abstract class APlaneInputOptions : CaptureInputOptions
{
    [Option("signatures", Separator = ',', HelpText = "Extra payload-signature file(s) (JSON, the format of data/signatures.json), added to the built-in ones.")]
    public IEnumerable<string> SignatureFiles { get; set; } = [];

    [Option("scan-window", Default = 300.0, HelpText = "Scan detection window, seconds (Zeek's scan interval).")]
    public double ScanWindow { get; set; } = 300;

    [Option("horizontal-scan-threshold", Default = 25.0, HelpText = "Weighted distinct failed destinations on one port that make a horizontal scan.")]
    public double HorizontalScanThreshold { get; set; } = 25;

    [Option("vertical-scan-threshold", Default = 15.0, HelpText = "Weighted distinct failed ports on one destination that make a vertical scan.")]
    public double VerticalScanThreshold { get; set; } = 15;

    [Option("bruteforce-attempts", Default = 30, HelpText = "Short connections to one service (within 30 min) that make a brute force.")]
    public int BruteForceAttempts { get; set; } = 30;

    [Option("spam-servers", Default = 10, HelpText = "Distinct SMTP servers (within 1 h) that make a spam activity.")]
    public int SpamServers { get; set; } = 10;

    /// <inheritdoc />
    public override string? Validate() =>
        base.Validate()
        ?? (ScanWindow <= 0 ? "--scan-window must be positive"
            : HorizontalScanThreshold <= 0 || VerticalScanThreshold <= 0 ? "scan thresholds must be positive"
            : BruteForceAttempts < 2 ? "--bruteforce-attempts must be at least 2"
            : SpamServers < 2 ? "--spam-servers must be at least 2"
            : null);

    /// <summary>The detector options these command-line values stand for (signatures are loaded separately).</summary>
    public APlaneOptions ToAPlaneOptions(SignatureSet? signatures) => APlaneOptions.Default with
    {
        ScanWindow = TimeSpan.FromSeconds(ScanWindow),
        HorizontalScanThreshold = HorizontalScanThreshold,
        VerticalScanThreshold = VerticalScanThreshold,
        BruteForceMinAttempts = BruteForceAttempts,
        SpamMinServers = SpamServers,
        Signatures = signatures,
    };

    /// <summary>The A-plane needs the start of HTTP bodies: payload prefixes of at least <see cref="APlaneOptions.RecommendedPayloadBytes"/>.</summary>
    public int APlanePayloadBytes => Math.Max(PayloadBytes, APlaneOptions.RecommendedPayloadBytes);
}
