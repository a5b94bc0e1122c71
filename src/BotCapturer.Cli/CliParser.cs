using BotCapturer.Cli.Options;
using CommandLine;
using CommandLine.Text;

namespace BotCapturer.Cli;

/// <summary>The outcome of parsing a command line: options to run, or text to print and an exit code.</summary>
internal sealed record ParsedCommandLine(object? Options, string? Message, int ExitCode)
{
    public bool ShouldRun => Options is not null;
}

/// <summary>
/// Parses <c>botengine</c>'s command line. Side-effect free (nothing is printed or read here), so it is tested on
/// its own; <see cref="Program"/> decides what to print.
/// </summary>
internal static class CliParser
{
    /// <summary>
    /// Every verb, in name order. Listed rather than found by reflection, so that the native build (Native AOT, which
    /// keeps only the types the code names) has them all; a test checks the list against the assembly.
    /// </summary>
    public static readonly Type[] Verbs =
    [
        typeof(ActivitiesVerb),
        typeof(CPlaneVerb),
        typeof(EvalVerb),
        typeof(FlowsVerb),
        typeof(GenerateVerb),
        typeof(GraphVerb),
        typeof(InitVerb),
        typeof(LoadVerb),
        typeof(RunVerb),
        typeof(StatusVerb),
    ];

    public static ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        using var parser = new Parser(settings =>
        {
            settings.HelpWriter = null;
            settings.CaseInsensitiveEnumValues = true;
            settings.AutoVersion = true;
            settings.AutoHelp = true;
        });
        var result = parser.ParseArguments(args, Verbs);
        if (result is Parsed<object> parsed)
        {
            var problem = Validate(parsed.Value);
            return problem is null ? new ParsedCommandLine(parsed.Value, null, 0) : new ParsedCommandLine(null, "error: " + problem, ExitCodes.BadInput);
        }

        var errors = ((NotParsed<object>)result).Errors.ToList();
        if (errors.Any(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError or ErrorType.VersionRequestedError))
        {
            var help = HelpText.AutoBuild(result, h =>
            {
                h.Heading = "botengine: botnet detection for packet captures";
                h.Copyright = string.Empty;
                h.AddDashesToOption = true;
                h.AdditionalNewLineAfterOption = false;
                return h;
            }, e => e, verbsIndex: true);
            var isVersion = errors.Any(e => e.Tag == ErrorType.VersionRequestedError);
            return new ParsedCommandLine(null, isVersion ? typeof(CliParser).Assembly.GetName().Version?.ToString(3) : help.ToString(), ExitCodes.Ok);
        }

        var hint = errors[0] is BadVerbSelectedError or NoVerbSelectedError ? " (see 'botengine --help')" : HelpHint(args);
        return new ParsedCommandLine(null, "error: " + Describe(errors[0]) + hint, ExitCodes.BadInput);
    }

    private static string HelpHint(IReadOnlyList<string> args) =>
        args.Count > 0 && !args[0].StartsWith('-') ? $" (see 'botengine {args[0]} --help')" : " (see 'botengine --help')";

    private static string Describe(Error error) => error switch
    {
        NoVerbSelectedError => "no command given",
        BadVerbSelectedError e => $"unknown command '{e.Token}'",
        UnknownOptionError e => $"unknown option '{e.Token}'",
        MissingRequiredOptionError e when e.NameInfo.NameText.Length > 0 => $"missing required option '{e.NameInfo.NameText}'",
        MissingRequiredOptionError => "missing required argument",
        MissingValueOptionError e => $"option '{e.NameInfo.NameText}' needs a value",
        BadFormatConversionError e => $"option '{e.NameInfo.NameText}' has a value of the wrong type",
        SequenceOutOfRangeError e => $"option '{e.NameInfo.NameText}' has the wrong number of values",
        RepeatedOptionError e => $"option '{e.NameInfo.NameText}' given twice",
        _ => error.Tag.ToString(),
    };

    private static string? Validate(object options) => ((ICommandVerb)options).Validate();
}
