using BotCapturer.CPlane;
using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("cplane", HelpText = "BotMiner's C-plane: C-flows of the captures, their 52-d vectors and two-step X-means clusters (cflows.csv, cclusters.csv).")]
internal sealed class CPlaneVerb : CaptureInputOptions, ICommandVerb, ICPlaneOptionSet
{
    [Option('o', "out", Default = ".", HelpText = "Output folder for cflows.csv and cclusters.csv.")]
    public string Out { get; set; } = ".";

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

    public override string? Validate()
    {
        var problem = base.Validate();
        if (problem is not null)
        {
            return problem;
        }

        CPlane = CPlaneOptionParser.TryCreate(this, out problem);
        return problem;
    }

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.CPlaneCommand.RunAsync(this, context, cancellationToken);
}
