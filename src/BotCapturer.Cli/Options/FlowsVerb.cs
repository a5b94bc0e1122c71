using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("flows", HelpText = "Build bidirectional flows from captures and write them as CSV, a Zeek conn.log or JSON lines.")]
internal sealed class FlowsVerb : CaptureInputOptions, ICommandVerb
{
    [Option("format", Default = "csv", HelpText = "csv | zeek | json")]
    public string Format { get; set; } = "csv";

    [Option('o', "out", HelpText = "Output file (default: standard output).")]
    public string? Out { get; set; }

    public override string? Validate() =>
        base.Validate() ?? (Format is "csv" or "zeek" or "json" ? null : $"unknown format '{Format}' (csv, zeek or json)");

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.FlowsCommand.RunAsync(this, context, cancellationToken);
}
