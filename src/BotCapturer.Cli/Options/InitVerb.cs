using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("init", HelpText = "Create or upgrade the botengine schema in the database (running it again is harmless).")]
internal sealed class InitVerb : ICommandVerb
{
    [Option("db", HelpText = DatabaseOption.HelpText)]
    public string? Db { get; set; }

    public string? Validate() => null;

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.StorageCommands.InitAsync(this, context, cancellationToken);
}
