namespace BotCapturer.Cli;

/// <summary>Where a command writes, and whether stderr is a terminal (progress shows only there).</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, Func<Stream> OpenStandardOutput)
{
    public static CliContext FromConsole() => new(Console.Out, Console.Error, !Console.IsErrorRedirected, Console.OpenStandardOutput);

    public void Fail(string message) => Error.WriteLine("botengine: error: " + message);

    public void Note(string message) => Error.WriteLine("botengine: " + message);
}
