using BotCapturer.Cli.Options;
using BotCapturer.Storage.MySql;
using BotCapturer.Storage.MySql.Loading;
using BotCapturer.Storage.MySql.Xa;
using MySqlConnector;

namespace BotCapturer.Cli.Commands;

/// <summary><c>botengine init</c>, and the mapping of database failures to one line and an exit code for every storage verb.</summary>
internal static class StorageCommands
{
    public static Task<int> InitAsync(InitVerb verb, CliContext context, CancellationToken cancellationToken) =>
        GuardAsync(context, async () =>
        {
            var store = new FlowStore(DatabaseOption.Resolve(verb.Db));
            // Prepared branches hold row locks that the migrations' ALTER TABLEs would wait on.
            NoteRecovery(await store.RecoverPreparedAsync(cancellationToken), context);
            var applied = await store.InitAsync(cancellationToken);
            context.Out.WriteLine(applied.Count == 0
                ? $"schema is current (version {SchemaMigrator.LatestVersion}) on {store.Server}"
                : $"schema upgraded to version {SchemaMigrator.LatestVersion} on {store.Server}: applied {string.Join(", ", applied)}");
            return ExitCodes.Ok;
        }, cancellationToken);

    /// <summary>Says what recovery of prepared XA branches did, when it did anything.</summary>
    public static void NoteRecovery(XaRecoveryResult recovery, CliContext context)
    {
        if (recovery.Committed + recovery.RolledBack > 0)
        {
            context.Note($"finished earlier interrupted loads: {recovery.Committed} prepared XA branches committed, {recovery.RolledBack} rolled back");
        }

        if (recovery.Live > 0)
        {
            context.Note($"{recovery.Live} prepared XA branches belong to a load still running; left to it");
        }
    }

    /// <summary>
    /// Runs a storage command: an unreachable or unusable database is exit 2 (<c>cannot connect to the database: ...</c>),
    /// a refused request exit 1, a bulk load the server did not take exactly, or a connection lost midway, exit 2.
    /// </summary>
    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (DatabaseUnavailableException e)
        {
            context.Fail(e.Message);
            return ExitCodes.Environment;
        }
        catch (StoreConflictException e)
        {
            context.Fail(e.Message);
            return ExitCodes.BadInput;
        }
        catch (BulkLoadException e)
        {
            context.Fail("bulk load rejected, the file was rolled back: " + e.Message);
            return ExitCodes.Environment;
        }
        catch (MySqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            context.Fail($"database error ({e.ErrorCode}): {e.Message}; files in flight were rolled back");
            return ExitCodes.Environment;
        }
    }
}
