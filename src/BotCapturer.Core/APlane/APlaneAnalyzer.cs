using BotCapturer.Flows;

namespace BotCapturer.APlane;

/// <summary>
/// The A-plane stage: every detector fed with the same flows, then A-clustering. Mergeable: analyzers fed with
/// different flows (files, workers) can be merged before <see cref="Complete"/>.
/// </summary>
public sealed class APlaneAnalyzer
{
    private readonly APlaneOptions _options;

    public APlaneAnalyzer(APlaneOptions? options = null)
    {
        _options = options ?? APlaneOptions.Default;
        Scan = new ScanDetector(_options);
        BruteForce = new BruteForceDetector(_options);
        BinaryDownload = new BinaryDownloadDetector(_options);
        Spam = new SpamDetector(_options);
        Signatures = new SignatureDetector(_options.Signatures);
        Relay = new RelayDetector(_options);
    }

    public ScanDetector Scan { get; }

    public BruteForceDetector BruteForce { get; }

    public BinaryDownloadDetector BinaryDownload { get; }

    public SpamDetector Spam { get; }

    public SignatureDetector Signatures { get; }

    public RelayDetector Relay { get; }

    /// <summary>Flows seen.</summary>
    public long FlowCount { get; private set; }

    /// <summary>Takes one finished flow.</summary>
    public void Observe(Flow flow)
    {
        FlowCount++;
        Scan.Observe(flow);
        BruteForce.Observe(flow);
        BinaryDownload.Observe(flow);
        Spam.Observe(flow);
        Signatures.Observe(flow);
        Relay.Observe(flow);
    }

    /// <summary>Starts loading the table entries a flow that comes a few flows later will touch.</summary>
    public void Prefetch(Flow flow) => Scan.Prefetch(flow);

    /// <summary>Adds what another analyzer (same options) has seen.</summary>
    public void Merge(APlaneAnalyzer other)
    {
        FlowCount += other.FlowCount;
        Scan.Merge(other.Scan);
        BruteForce.Merge(other.BruteForce);
        BinaryDownload.Merge(other.BinaryDownload);
        Spam.Merge(other.Spam);
        Signatures.Merge(other.Signatures);
        Relay.Merge(other.Relay);
    }

    /// <summary>Decides every detector and clusters the activities.</summary>
    public APlaneResult Complete() => AClusterer.Cluster(
        [.. Scan.Complete(), .. BruteForce.Complete(), .. BinaryDownload.Complete(), .. Spam.Complete(), .. Signatures.Complete(), .. Relay.Complete()],
        _options);
}
