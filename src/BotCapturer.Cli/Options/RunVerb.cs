using BotCapturer.Beaconing;
using BotCapturer.CPlane;
using BotCapturer.Vote;
using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("run", HelpText = "The whole analysis in memory (flows, C-plane, graph, A-plane, vote): print host groups and write every table to --out.")]
internal sealed class RunVerb : APlaneInputOptions, ICommandVerb, ICPlaneOptionSet
{
    /// <summary>Captures, or none with <c>--group</c>.</summary>
    [Value(0, MetaName = "captures", Required = false, HelpText = "Capture files (pcap or pcapng) or folders of them; none with --group.")]
    public override IEnumerable<string> Inputs { get; set; } = [];

    [Option("group", HelpText = "Analyse a group stored by botengine load (instead of captures); results are saved to the database too (host scores, C-flows, C- and A-clusters, activities, verdicts).")]
    public long? Group { get; set; }

    [Option("overwrite", HelpText = "With --group: replace the results the group already has (in one transaction). Without it, a group that has results is refused and left unchanged.")]
    public bool Overwrite { get; set; }

    [Option("db", HelpText = DatabaseOption.HelpText)]
    public string? Db { get; set; }

    [Option('o', "out", HelpText = "Output folder (default ./botengine-out/<UTC timestamp>).")]
    public string? Out { get; set; }

    [Option("labels", HelpText = "Labels CSV (host,role[,family]): print eval metrics at the end.")]
    public string? Labels { get; set; }

    [Option("quorum", Default = 2, HelpText = "Votes (graph, C-plane, A-plane, botscore) that make a host suspicious.")]
    public int Quorum { get; set; } = 2;

    [Option("botscore-threshold", Default = 0.5, HelpText = "BotMiner botscore at or above which the botscore votes.")]
    public double BotScoreThreshold { get; set; } = 0.5;

    [Option("group-cut", Default = 1.0, HelpText = "Average-linkage cut: groups merge while their mean pairwise similarity is at least this.")]
    public double GroupCut { get; set; } = 1.0;

    [Option("confirm-z", Default = 1.0, HelpText = "Modified z-score of a server's graph evenness at which a C-cluster talking only to it confirms it as a C&C candidate.")]
    public double ConfirmZ { get; set; } = 1.0;

    [Option("min-group", Default = 2, HelpText = "Smallest group reported.")]
    public int MinGroup { get; set; } = 2;

    [Option("anomaly-z", Default = 2.5, HelpText = "Graph layer: modified z-score of evenness above which a host is anomalous.")]
    public double AnomalyZ { get; set; } = 2.5;

    [Option("beacon-alpha", Default = 0.01, HelpText = "Beacons: family-wise error rate over the tested C-flows (Bonferroni) at which a C-flow's regular flow starts count as a beacon.")]
    public double BeaconAlpha { get; set; } = 0.01;

    [Option("beacon-jitter", Default = 1.0, HelpText = "Beacons: smallest deviation of an interval from the mean interval that is credited, seconds.")]
    public double BeaconJitter { get; set; } = 1.0;

    [Option("beacon-min-flows", Default = 3, HelpText = "Beacons: fewest flows a C-flow needs to be tested.")]
    public int BeaconMinFlows { get; set; } = 3;

    public string Epoch { get; set; } = "24h";

    public string? FphWindow { get; set; }

    public string Internal { get; set; } = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    public string? Whitelist { get; set; }

    public bool KeepSinglePacket { get; set; }

    public bool KeepUnestablished { get; set; }

    public string ClusterMethod { get; set; } = "xmeans";

    public int KMax { get; set; } = 64;

    public int Seed { get; set; } = 1;

    public double Eps { get; set; } = 0.1;

    public int MinSamples { get; set; } = 3;

    /// <summary>The C-plane settings, set by <see cref="Validate"/>.</summary>
    internal CPlaneOptions? CPlane { get; private set; }

    /// <summary>The voting settings.</summary>
    internal VoteOptions VoteOptions => new() { Quorum = Quorum, BotScoreThreshold = BotScoreThreshold, GroupCut = GroupCut, MinGroupSize = MinGroup, ConfirmZ = ConfirmZ };

    /// <summary>The beacon settings.</summary>
    internal BeaconOptions BeaconOptions => new() { Alpha = BeaconAlpha, JitterFloorSeconds = BeaconJitter, MinFlows = BeaconMinFlows };

    public override string? Validate()
    {
        var problem = (Group is null
                ? (Inputs.Any() ? null : "give capture files or folders, or --group N")
                : Inputs.Any() ? "give either captures or --group, not both"
                : Group < 0 ? "--group must be 0 or more" : null)
            ?? (Overwrite && Group is null ? "--overwrite applies to --group N only (an in-memory run writes to --out)" : null)
            ?? base.Validate()
            ?? VoteOptions.Validate()
            ?? BeaconOptions.Validate()
            ?? (AnomalyZ <= 0 ? "--anomaly-z must be positive" : null)
            ?? (Labels is not null && !File.Exists(Labels) ? $"{Labels}: no such file" : null);
        if (problem is not null)
        {
            return problem;
        }

        CPlane = CPlaneOptionParser.TryCreate(this, out problem);
        return problem;
    }

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.RunCommand.RunAsync(this, context, cancellationToken);
}
