using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("load", HelpText = "Load captures into a numbered group in the database: one transaction per file; files already in the group are skipped.")]
internal sealed class LoadVerb : CaptureInputOptions, ICommandVerb
{
    [Option("group", Required = true, HelpText = "Group number to load into (created when missing).")]
    public long Group { get; set; }

    [Option("name", HelpText = "Group name (a group that exists under another name is refused unless --append).")]
    public string? Name { get; set; }

    [Option("note", HelpText = "Free-text note stored with a new group.")]
    public string? Note { get; set; }

    [Option("append", HelpText = "Load into an existing group even when --name differs from its name.")]
    public bool Append { get; set; }

    [Option("packets", HelpText = "Also store every decoded packet (timestamp, length, 5-tuple, TCP flags).")]
    public bool Packets { get; set; }

    [Option("delete-after", HelpText = "Delete each capture once its transaction committed (not skipped files, not files with read errors).")]
    public bool DeleteAfter { get; set; }

    [Option("connections-per-file", HelpText = "Connections (server threads) one file loads through, as one XA transaction (default: --threads divided by the files loaded at once, for files of 64 MiB and more; 1 otherwise, and always with --packets).")]
    public int? ConnectionsPerFile { get; set; }

    [Option("db", HelpText = DatabaseOption.HelpText)]
    public string? Db { get; set; }

    public override string? Validate() =>
        base.Validate()
        ?? (Group < 0 ? "--group must be 0 or more" : null)
        ?? (Inputs.Contains("-") ? "load reads capture files, not standard input ('-')" : null)
        ?? (Name is { Length: > 255 } ? "--name is longer than 255 characters" : null)
        ?? (ConnectionsPerFile is < 1 or > 64 ? "--connections-per-file must be between 1 and 64" : null)
        ?? (ConnectionsPerFile > 1 && Packets ? "--connections-per-file above 1 loads flows only; with --packets each file loads on one connection" : null);

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.LoadCommand.RunAsync(this, context, cancellationToken);
}
