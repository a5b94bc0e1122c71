using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("graph", HelpText = "Score every host of a host-pair edge list (OddBall egonets, LOF, weight evenness); highest score first.")]
internal sealed class GraphVerb : ICommandVerb
{
    [Option("edges", Required = true, HelpText = "Edge list CSV: a header, then host_a,host_b,weight lines.")]
    public string Edges { get; set; } = string.Empty;

    [Option('o', "out", HelpText = "Output CSV (default: standard output).")]
    public string? Out { get; set; }

    [Option("top", HelpText = "Write only the N highest-scored hosts.")]
    public int? Top { get; set; }

    [Option("labels", HelpText = "Ground truth CSV (host,role[,family]; role cnc or bot): print C&C ranks and ROC AUC on stderr.")]
    public string? Labels { get; set; }

    [Option("lof-k", Default = 20, HelpText = "LOF neighbourhood size.")]
    public int LofK { get; set; } = 20;

    [Option("anomaly-z", Default = 2.5, HelpText = "Modified z-score of ln(evenness) above which a host is anomalous.")]
    public double AnomalyZ { get; set; } = 2.5;

    [Option('q', "quiet", HelpText = "No summary on stderr (errors still show).")]
    public bool Quiet { get; set; }

    public string? Validate() =>
        Top is < 1 ? "--top must be at least 1"
        : LofK < 1 ? "--lof-k must be at least 1"
        : !(AnomalyZ > 0) ? "--anomaly-z must be positive"
        : null;

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.GraphCommand.RunAsync(this, context, cancellationToken);
}
