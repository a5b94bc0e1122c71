using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("eval", HelpText = "Detection metrics of a run's result directory against a labels CSV (host,role[,family]).")]
internal sealed class EvalVerb : ICommandVerb
{
    [Option("labels", Required = true, HelpText = "Labels CSV: host,role[,family]; role bot or cnc, anything else benign.")]
    public string Labels { get; set; } = string.Empty;

    [Option("result", Required = true, HelpText = "A result directory written by botengine run (hosts.csv, groups.json).")]
    public string Result { get; set; } = string.Empty;

    public string? Validate() =>
        !File.Exists(Labels) ? $"{Labels}: no such file"
        : !Directory.Exists(Result) ? $"{Result}: no such directory"
        : null;

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.EvalCommand.RunAsync(this, context, cancellationToken);
}
