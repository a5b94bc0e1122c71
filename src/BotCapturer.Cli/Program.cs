using BotCapturer.Engine.Reading;

namespace BotCapturer.Cli;

/// <summary>Entry point: parse, dispatch, and turn every failure into one line and an exit code.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl-C cancels the run cleanly (transactions roll back); a second one kills the process.
            if (!cts.IsCancellationRequested)
            {
                e.Cancel = true;
                cts.Cancel();
            }
        };
        return await RunAsync(args, CliContext.FromConsole(), cts.Token);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var parsed = CliParser.Parse(args);
        if (!parsed.ShouldRun)
        {
            if (parsed.ExitCode == ExitCodes.Ok)
            {
                context.Out.WriteLine(parsed.Message);
            }
            else
            {
                context.Error.WriteLine("botengine: " + parsed.Message);
            }

            return parsed.ExitCode;
        }

        try
        {
            return await ((ICommandVerb)parsed.Options!).RunAsync(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Fail("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (InputException e)
        {
            context.Fail(e.Message);
            return ExitCodes.BadInput;
        }
        catch (FilterException e)
        {
            context.Fail(e.Message);
            return ExitCodes.BadInput;
        }
        catch (NativeLibraryMissingException e)
        {
            context.Fail(e.Message);
            return ExitCodes.Environment;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything else is a bug: still one line, with the type so it can be reported.
            context.Fail($"internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.Environment + 1;
        }
    }
}
