using System.Diagnostics;
using BotCapturer.Cli;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary>Runs <c>botengine</c> in this process (exit code, stdout, stderr), or as a child process that can be killed.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int Exit, string Out, string Error, byte[] RawOut);

    public static async Task<Outcome> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var raw = new MemoryStream();
        var context = new CliContext(stdout, stderr, false, () => raw);
        var exit = await Program.RunAsync(args, context, cancellationToken);
        return new Outcome(exit, stdout.ToString(), stderr.ToString(), raw.ToArray());
    }

    /// <summary>Starts the built botengine (botengine.dll beside the tests) as a child process.</summary>
    public static Process Start(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "botengine.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
