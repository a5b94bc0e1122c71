using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("activities", HelpText = "Run the A-plane detectors (scan, brute force, binary download, spam, signatures) and write activities.csv and aclusters.csv.")]
internal sealed class ActivitiesVerb : APlaneInputOptions, ICommandVerb
{
    [Option('o', "out", Default = ".", HelpText = "Folder for activities.csv and aclusters.csv (created when missing).")]
    public string Out { get; set; } = ".";

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.ActivitiesCommand.RunAsync(this, context, cancellationToken);
}
