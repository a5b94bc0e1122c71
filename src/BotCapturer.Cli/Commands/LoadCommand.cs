using System.Collections.Concurrent;
using System.Globalization;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Storage.MySql;
using BotCapturer.Storage.MySql.Loading;
using BotCapturer.Storage.MySql.Xa;

namespace BotCapturer.Cli.Commands;

/// <summary>
/// <c>botengine load</c>: captures into a numbered group. Files are hashed first; a file whose content the group
/// already holds is skipped with a note. The rest go through the flow pipeline with a transactional per-file store
/// (<see cref="FlowStore.BeginFileAsync"/>), Threads files (and connections) at once. Cross-file merging is off:
/// partials are stored per file and joined when the group is read (docs/storage.md).
/// </summary>
internal static class LoadCommand
{
    public static Task<int> RunAsync(LoadVerb verb, CliContext context, CancellationToken cancellationToken) =>
        StorageCommands.GuardAsync(context, () => LoadAsync(verb, context, cancellationToken), cancellationToken);

    private static async Task<int> LoadAsync(LoadVerb verb, CliContext context, CancellationToken cancellationToken)
    {
        var files = CaptureInputs.Expand(verb.Inputs, out var inputError);
        if (inputError is not null)
        {
            context.Fail(inputError);
            return ExitCodes.BadInput;
        }

        var store = new FlowStore(DatabaseOption.Resolve(verb.Db));
        await store.CheckLoadableAsync(cancellationToken);
        var recovery = await store.RecoverPreparedAsync(cancellationToken);
        StorageCommands.NoteRecovery(recovery, context);
        var threads = verb.Threads ?? Environment.ProcessorCount;
        var identities = await HashAsync(files, threads, cancellationToken);
        var created = await store.PrepareGroupAsync(new GroupRequest(verb.Group, verb.Name, verb.Note, verb.Append), cancellationToken);
        var toLoad = await SelectNewAsync(store, verb, identities, context, cancellationToken);

        var options = FlowsCommand.PipelineOptionsFrom(verb) with { MergeAcrossFiles = false };
        var perFile = ConnectionsPerFile(verb, recovery, options, toLoad.Count, context);
        var committed = new ConcurrentQueue<FileLoadResult>();
        var byPath = toLoad.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var pipeline = new FlowPipeline(options)
        {
            FileSinkFactory = (path, token) => store.BeginFileAsync(verb.Group, byPath[path], verb.Packets, perFile(byPath[path]), result =>
            {
                committed.Enqueue(result);
                if (verb.DeleteAfter)
                {
                    DeleteCommitted(result, context);
                }
            }, token),
        };

        PipelineResult? result = null;
        try
        {
            if (toLoad.Count > 0)
            {
                await using (new ProgressReporter(pipeline.Progress, context, "load", !verb.Quiet))
                {
                    result = await pipeline.RunAsync([.. toLoad.Select(f => f.Path)], [], cancellationToken);
                }
            }
        }
        finally
        {
            await FinishGroupAsync(store, verb, options, created && committed.IsEmpty, context);
        }

        if (result is not null)
        {
            RunReport.WriteErrors(context, result);
        }

        if (!verb.Quiet)
        {
            context.Note(Summary(verb.Group, identities.Count - toLoad.Count, committed, result));
        }

        return result?.Failed.Any() == true ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>
    /// Connections each file loads through (docs/storage.md "One file, several connections"): --connections-per-file
    /// for every file when given; otherwise, as the pipeline shards a lone large file, Threads divided by the files
    /// loaded at once for files of at least MinShardedFileBytes, and 1 for smaller ones. 1 with --packets, and 1 on a
    /// server that cannot keep prepared XA branches (said once when more was asked for).
    /// </summary>
    internal static Func<FileIdentity, int> ConnectionsPerFile(LoadVerb verb, XaRecoveryResult recovery, PipelineOptions options, int files, CliContext context)
    {
        if (verb.Packets)
        {
            return _ => 1;
        }

        if (recovery.Unsupported is not null)
        {
            if (verb.ConnectionsPerFile > 1)
            {
                context.Note($"loading each file on one connection: {recovery.Unsupported}");
            }

            return _ => 1;
        }

        if (verb.ConnectionsPerFile is { } given)
        {
            return _ => given;
        }

        var share = Math.Max(1, options.Threads / Math.Max(1, Math.Min(files, options.Threads)));
        return file => file.Size >= options.MinShardedFileBytes ? share : 1;
    }

    /// <summary>SHA-256 of every file, <paramref name="threads"/> at once, in input order.</summary>
    private static async Task<IReadOnlyList<FileIdentity>> HashAsync(IReadOnlyList<string> files, int threads, CancellationToken cancellationToken)
    {
        var identities = new FileIdentity[files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                try
                {
                    identities[i] = await FileIdentity.ComputeAsync(files[i], token);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InputException($"{files[i]}: cannot read: {e.Message}");
                }
            });
        return identities;
    }

    private static async Task<List<FileIdentity>> SelectNewAsync(FlowStore store, LoadVerb verb, IReadOnlyList<FileIdentity> identities, CliContext context, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadedFilesAsync(verb.Group, cancellationToken);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var toLoad = new List<FileIdentity>();
        foreach (var file in identities)
        {
            if (loaded.TryGetValue(file.HashHex, out var earlier))
            {
                context.Note(earlier == file.Path ? $"skipped {file.Path}: already loaded in group {verb.Group}" : $"skipped {file.Path}: already loaded in group {verb.Group} (from {earlier})");
            }
            else if (seen.TryGetValue(file.HashHex, out var same))
            {
                context.Note($"skipped {file.Path}: same content as {same}, given earlier");
            }
            else
            {
                seen[file.HashHex] = file.Path;
                toLoad.Add(file);
            }
        }

        return toLoad;
    }

    /// <summary>Totals are refreshed even after a failure (they then cover the files that committed); a group this run
    /// created and stored nothing in is removed again. Neither may hide the failure itself.</summary>
    private static async Task FinishGroupAsync(FlowStore store, LoadVerb verb, PipelineOptions options, bool removeIfEmpty, CliContext context)
    {
        try
        {
            if (removeIfEmpty && await store.DeleteGroupIfEmptyAsync(verb.Group, CancellationToken.None))
            {
                return;
            }

            await store.RefreshGroupAsync(verb.Group, options.Flows, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Note($"could not update the totals of group {verb.Group} ({e.Message}); the next load or 'botengine init' does");
        }
    }

    private static void DeleteCommitted(FileLoadResult result, CliContext context)
    {
        if (result.ReadError is not null)
        {
            context.Note($"kept {result.File.Path}: it had a read error, only its readable part was loaded");
            return;
        }

        try
        {
            File.Delete(result.File.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Note($"could not delete {result.File.Path} after loading it: {e.Message}");
        }
    }

    private static string Summary(long group, int skipped, IReadOnlyCollection<FileLoadResult> committed, PipelineResult? result)
    {
        var seconds = Math.Max(result?.Elapsed.TotalSeconds ?? 0, 1e-6);
        var packets = committed.Sum(f => f.Packets);
        var flowRows = committed.Sum(f => f.FlowRows);
        var packetRows = committed.Sum(f => f.PacketRows);
        var stored = packetRows > 0 ? $", {packetRows} packet rows" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"group {group}: {committed.Count} files loaded, {skipped} skipped; {packets} packets, {flowRows} flow rows{stored} in {seconds:F2} s ({packets / seconds / 1e6:F2} M packets/s, {(flowRows + packetRows) / seconds / 1e3:F0} k rows/s)");
    }
}
