using BotCapturer.Engine.Reading;

namespace BotCapturer.Cli;

/// <summary>Entry point: parse, dispatch, and turn every failure into one line and an exit code.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["run", ..])
        {
            // Compiled while the command line is parsed (docs/performance.md, start-up).
            Engine.Analysis.APlane.SignatureFiles.Preload();
        }

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
        var exitCode = await RunAsync(args, CliContext.FromConsole(), cts.Token);
        if (Environment.GetEnvironmentVariable("BOTENGINE_RUNTIME_STATS") == "1")
        {
            // docs/performance.md: how the run used the runtime (garbage collections, pauses, allocation, JIT).
            Console.Error.WriteLine(
                $"runtime: gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen0/1/2), " +
                $"pause {GC.GetTotalPauseDuration().TotalSeconds:F2} s, allocated {GC.GetTotalAllocatedBytes() / (1 << 20)} MiB, " +
                $"jit {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2} s ({System.Runtime.JitInfo.GetCompiledMethodCount()} methods), " +
                $"live after last gen2 gc {LastFullGcPromoted() / (1 << 20)} MiB");
        }

        return exitCode;
    }

    /// <summary>Bytes that survived the most recent gen2 collection (blocking or background): the live heap then.</summary>
    private static long LastFullGcPromoted()
    {
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        return (blocking.Index >= background.Index ? blocking : background).PromotedBytes;
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
