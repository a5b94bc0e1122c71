using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("status", HelpText = "List the stored groups: name, note, created, first packet, packets, flows, C-flows, analysed.")]
internal sealed class StatusVerb : ICommandVerb
{
    [Option("db", HelpText = DatabaseOption.HelpText)]
    public string? Db { get; set; }

    [Option("json", HelpText = "Write JSON instead of a table.")]
    public bool Json { get; set; }

    public string? Validate() => null;

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.StatusCommand.RunAsync(this, context, cancellationToken);
}
