using System.Collections.Frozen;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// Thresholds of the A-plane detectors and A-clustering. Every default says where it comes from; none was fitted to a
/// single capture (docs/aplane.md has the reasoning and the measured margins).
/// </summary>
public sealed record APlaneOptions
{
    /// <summary>The defaults.</summary>
    public static readonly APlaneOptions Default = new();

    /// <summary>
    /// Payload bytes the flow builder should keep per direction for an A-plane run (FlowOptions.PayloadBytes). HTTP
    /// response headers are often 250–600 bytes, so 1 KiB leaves room for the start of the body (BotMiner §3.3 hashes
    /// "the first portion (e.g., 1KB)" of a downloaded binary).
    /// </summary>
    public const int RecommendedPayloadBytes = 1024;

    // ---- Scan (BotMiner §3.3 uses SCADE, BotHunter §4.1: failed connections weighted by port severity) ----

    /// <summary>Sliding window for both scan checks. Zeek's Scan::addr_scan_interval and port_scan_interval: 5 min.</summary>
    public TimeSpan ScanWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Horizontal scan: weighted distinct destinations that failed on one port in the window. Zeek's Scan::addr_scan_threshold: 25.</summary>
    public double HorizontalScanThreshold { get; init; } = 25;

    /// <summary>Vertical scan: weighted distinct ports that failed on one destination in the window. Zeek's Scan::port_scan_threshold: 15.</summary>
    public double VerticalScanThreshold { get; init; } = 15;

    /// <summary>
    /// SCADE's "high-severity" ports: services that worms, bots and credential stuffers are known to probe
    /// (telnet 23/2323, ssh, ftp, smb/netbios, rdp, vnc, databases, TR-069 7547, router exploit ports 37215/52869,
    /// alternate HTTP 8080/8081/8443, adb 5555, ...). A failure on one of them counts 1.
    /// Web ports 80/443 are left out on purpose: failed fetches by busy browsers are the commonest benign failures.
    /// </summary>
    public FrozenSet<ushort> HighSeverityPorts { get; init; } = FrozenSet.ToFrozenSet<ushort>(
    [
        21, 22, 23, 25, 81, 135, 137, 139, 445, 1433, 1434, 2323, 3306, 3389, 5432, 5555, 5900, 6379, 7547,
        8080, 8081, 8443, 9200, 37215, 52869,
    ]);

    /// <summary>
    /// Weight of a failure on any other port (SCADE's low-severity weight). 0.25 means a scan of an unremarkable port
    /// needs four times the evidence (100 failed destinations in 5 min instead of 25): P2P clients fail to reach many
    /// peers on their one port, and must not look like scanners.
    /// </summary>
    public double LowSeverityPortWeight { get; init; } = 0.25;

    // ---- Brute force (Zeek policy/protocols/ssh/detect-bruteforcing.zeek: 30 guesses in 30 min) ----

    /// <summary>Window in which the attempts are counted. Zeek's SSH::guessing_timeout: 30 min.</summary>
    public TimeSpan BruteForceWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts (established, short connections with client data) to one service in the window. Zeek's SSH::password_guesses_limit: 30.</summary>
    public int BruteForceMinAttempts { get; init; } = 30;

    /// <summary>An attempt lasts at most this long; interactive sessions and transfers are longer.</summary>
    public TimeSpan BruteForceMaxDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// "Similar" connections: the coefficient of variation of the client's payload bytes over the attempts in the window
    /// is at most this. Login attempts of one tool differ only in the credentials; 1.0 still allows a few odd ones.
    /// </summary>
    public double BruteForceMaxSizeCv { get; init; } = 1.0;

    /// <summary>Authentication services: ftp, ssh, telnet 23/2323, smtp submission, pop3, imap, netbios/smb, vmware-auth 902, mssql, mysql, rdp, postgres, vnc, redis.</summary>
    public FrozenSet<ushort> BruteForcePorts { get; init; } = FrozenSet.ToFrozenSet<ushort>(
    [
        21, 22, 23, 110, 139, 143, 445, 587, 902, 993, 995, 1433, 2323, 3306, 3389, 5432, 5900, 6379,
    ]);

    /// <summary>Also count HTTP requests carrying an Authorization header (on any port) as attempts.</summary>
    public bool BruteForceHttpAuth { get; init; } = true;

    // ---- Spam (BotMiner §3.3: SMTP connections to many different mail servers) ----

    /// <summary>SMTP ports: 25 (relay), 465 (submissions), 587 (submission).</summary>
    public FrozenSet<ushort> SmtpPorts { get; init; } = FrozenSet.ToFrozenSet<ushort>([25, 465, 587]);

    /// <summary>Window for counting distinct mail servers.</summary>
    public TimeSpan SpamWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Distinct mail servers one host connects to in the window. A mail client talks to one or two submission servers.</summary>
    public int SpamMinServers { get; init; } = 10;

    /// <summary>
    /// Which hosts are internal (the monitored network); only internal hosts can be spammers. Null: every host. The
    /// run command can pass the C-plane's internal-network set here.
    /// </summary>
    public Func<HostAddress, bool>? IsInternal { get; init; }

    /// <summary>Hosts that themselves accept SMTP connections are mail servers (relays deliver to many MX hosts): not spammers.</summary>
    public bool SpamIgnoreMailServers { get; init; } = true;

    /// <summary>Two spam activities share an A-cluster when |A∩B| / min(|A|,|B|) of their server sets reaches this.</summary>
    public double SpamClusterOverlap { get; init; } = 0.2;

    // ---- Binary download ----

    /// <summary>Bytes from the start of the executable that are hashed for the cluster key (fewer when fewer are visible).</summary>
    public int BinaryHashBytes { get; init; } = 256;

    // ---- Signatures ----

    /// <summary>Payload signatures (null: none).</summary>
    public SignatureSet? Signatures { get; init; }

    // ---- A-clustering (BotMiner §3.4: w(A_i) ≥ 1, larger for more suspicious activity) ----

    /// <summary>A target subnet (/24, else /16; /64, else /48 for IPv6) names a scan's targets when it holds at least this share of them; else "*".</summary>
    public double TargetSubnetShare { get; init; } = 0.5;

    /// <summary>w(A) of scan clusters.</summary>
    public double ScanWeight { get; init; } = 1.0;

    /// <summary>w(A) of brute-force clusters.</summary>
    public double BruteForceWeight { get; init; } = 1.0;

    /// <summary>w(A) of binary-download clusters: fetching an executable is a step closer to infection than probing.</summary>
    public double BinaryDownloadWeight { get; init; } = 1.5;

    /// <summary>w(A) of spam clusters.</summary>
    public double SpamWeight { get; init; } = 1.0;

    /// <summary>w(A) of relay clusters: relaying for a controller is bot work itself, but weighed like a scan until measured.</summary>
    public double RelayWeight { get; init; } = 1.0;

    internal long ScanWindowNs => ScanWindow.Ticks * 100;

    internal long BruteForceWindowNs => BruteForceWindow.Ticks * 100;

    internal long SpamWindowNs => SpamWindow.Ticks * 100;

    /// <summary>w(A) for an activity type (signatures carry their own weight).</summary>
    public double WeightOf(ActivityType type) => type switch
    {
        ActivityType.Scan => ScanWeight,
        ActivityType.BruteForce => BruteForceWeight,
        ActivityType.BinaryDownload => BinaryDownloadWeight,
        ActivityType.Spam => SpamWeight,
        ActivityType.Relay => RelayWeight,
        _ => 1.0,
    };
}
