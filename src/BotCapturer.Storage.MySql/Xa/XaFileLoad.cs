using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Storage.MySql.Loading;
using BotCapturer.Storage.MySql.Tsv;
using MySqlConnector;

namespace BotCapturer.Storage.MySql.Xa;

/// <summary>
/// Stores one capture file through several connections as one XA transaction (docs/storage.md "One file, several
/// connections"): one <c>LOAD DATA</c> per branch runs on its own server thread, where one connection is capped by
/// one thread's insert rate. Branch 0 inserts the files row carrying the attempt's token, which is the commit
/// decision: every branch is prepared, branch 0 commits first, then the others. Before that commit any failure rolls
/// every branch back; after it, a branch that could not commit stays prepared and the next <c>load</c> or
/// <c>init</c> commits it (<see cref="XaRecovery"/>). Flows keep their file-order seq numbers; each batch goes to the
/// branch whose statement has the least unread data.
/// </summary>
internal sealed class XaFileLoad : IFileFlowSink
{
    /// <summary>Test hook (integration tests only): the process kills itself at this point of the protocol
    /// (<c>after-prepare</c>, <c>after-first-commit</c>).</summary>
    public const string CrashVariable = "BOTENGINE_TEST_XA_CRASH";

    private readonly StoreConnection _store;
    private readonly XaBranch[] _branches;
    private readonly long _groupId;
    private readonly long _fileId;
    private readonly FileIdentity _file;
    private readonly Action<FileLoadResult>? _committed;
    private long _flowRows;
    private long _firstNs = long.MaxValue;
    private long _lastNs = long.MinValue;
    private int _next;
    private bool _decided;
    private bool _done;

    private XaFileLoad(StoreConnection store, XaBranch[] branches, long groupId, long fileId, FileIdentity file, Action<FileLoadResult>? committed)
    {
        _store = store;
        _branches = branches;
        _groupId = groupId;
        _fileId = fileId;
        _file = file;
        _committed = committed;
    }

    public Action<CaptureRecord, DecodedPacket>? PacketObserver => null;

    /// <summary>Opens <paramref name="connections"/> connections, takes the attempt's lock, starts branch 0 and inserts
    /// the files row in it (a file already in the group fails on the unique (group, sha256) key), then starts the
    /// other branches and every branch's statement.</summary>
    public static async Task<XaFileLoad> BeginAsync(StoreConnection store, long groupId, FileIdentity file, int connections, Action<FileLoadResult>? committed, CancellationToken cancellationToken)
    {
        var token = XaBranchId.NewToken();
        var tag = XaBranchId.TagOf(store.Database);
        var branches = new List<XaBranch>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                branches.Add(new XaBranch(await store.OpenUnpooledAsync(cancellationToken), new XaBranchId(token, tag, i)));
            }

            var first = branches[0];
            if (!await XaRecovery.TryLockAsync(first.Connection, token, cancellationToken))
            {
                throw new InvalidOperationException($"the lock of a fresh load token ({token}) is taken");
            }

            await first.StartAsync(cancellationToken);
            var fileId = await InsertFileAsync(first.Connection, groupId, file, token, cancellationToken);
            foreach (var branch in branches.Skip(1))
            {
                await branch.StartAsync(cancellationToken);
            }

            foreach (var branch in branches)
            {
                branch.BeginStreaming(groupId, fileId);
            }

            return new XaFileLoad(store, [.. branches], groupId, fileId, file, committed);
        }
        catch
        {
            await DisposeAllAsync(branches, rollback: true);
            throw;
        }
    }

    public async ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        var branch = PickBranch();
        foreach (var flow in batch)
        {
            FlowRows.Write(branch.Writer, _flowRows++, flow);
            _firstNs = Math.Min(_firstNs, flow.StartNs);
            _lastNs = Math.Max(_lastNs, flow.EndNs);
        }

        branch.RowsSent += batch.Count;
        await branch.FlushAsync(_file.Path, cancellationToken);
    }

    public ValueTask ChunkReadAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask CompleteAsync(FileResult result, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_branches.Select(b => b.FinishAsync(_file.Path, cancellationToken)));
        await FileLoad.UpdateFileRowAsync(_branches[0].Connection, null, _fileId, result, _flowRows, 0, _firstNs, _lastNs, cancellationToken);
        // One log write (fsync with innodb_flush_log_at_trx_commit=1) per PREPARE and COMMIT: the branches run them side by side.
        await Task.WhenAll(_branches.Select(b => b.PrepareAsync(cancellationToken)));
        CrashHook("after-prepare");
        await CommitDecisionAsync();
        CrashHook("after-first-commit");
        var failed = (await Task.WhenAll(_branches.Skip(1).Select(CommitOtherAsync))).OfType<string>().ToList();
        if (failed.Count > 0)
        {
            throw new DatabaseUnavailableException(
                $"{_file.Path}: committed, but some of its rows are still prepared ({string.Join("; ", failed)}); the next 'botengine load' or 'botengine init' on this database commits them");
        }

        _done = true;
        _committed?.Invoke(new FileLoadResult(_file, _fileId, result.Counters.Packets, _flowRows, 0, result.Error));
    }

    public async ValueTask DisposeAsync() =>
        // Before the decision: roll every branch back. After it: what did not commit stays prepared for recovery.
        await DisposeAllAsync(_branches, rollback: !_done && !_decided);

    private static async Task<long> InsertFileAsync(MySqlConnection connection, long groupId, FileIdentity file, string token, CancellationToken cancellationToken)
    {
        await using var insert = new MySqlCommand(
            "INSERT INTO files (group_id, path, size, sha256, status, loaded, xa_token) VALUES (@group, @path, @size, @sha256, 'loading', UTC_TIMESTAMP(6), @token)",
            connection);
        insert.Parameters.AddWithValue("@group", groupId);
        insert.Parameters.AddWithValue("@path", file.Path);
        insert.Parameters.AddWithValue("@size", file.Size);
        insert.Parameters.AddWithValue("@sha256", file.Sha256);
        insert.Parameters.AddWithValue("@token", token);
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            throw new StoreConflictException($"{file.Path}: the same content was loaded into group {groupId} by another process meanwhile");
        }

        return insert.LastInsertedId;
    }

    private static async Task DisposeAllAsync(IReadOnlyList<XaBranch> branches, bool rollback)
    {
        // Branch 0 last: its session holds the attempt's lock, which keeps recovery away until every branch is settled.
        foreach (var branch in branches.Reverse())
        {
            if (rollback)
            {
                await branch.RollbackAsync();
            }

            await branch.DisposeAsync();
        }
    }

    /// <summary>Commits a branch after the decision; returns why it could not (it then stays prepared for recovery).</summary>
    private static async Task<string?> CommitOtherAsync(XaBranch branch)
    {
        try
        {
            await branch.CommitAsync(CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is MySqlException or IOException or InvalidOperationException)
        {
            return $"branch {branch.Id.Branch}: {e.Message}";
        }
    }

    private static void CrashHook(string point)
    {
        if (Environment.GetEnvironmentVariable(CrashVariable) == point)
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }

    /// <summary>XA COMMIT of branch 0. When its answer is lost the outcome is read back from the files row; when even
    /// that cannot be read, the prepared branches stay for the next recovery, which decides from the same row.</summary>
    private async Task CommitDecisionAsync()
    {
        try
        {
            await _branches[0].CommitAsync(CancellationToken.None);
            _decided = true;
            return;
        }
        catch (Exception e) when (e is MySqlException or IOException or InvalidOperationException)
        {
            bool? committed;
            try
            {
                // A branch still attached to a session (the server still working on the lost COMMIT) cannot be
                // rolled back from another one: only a rollback that succeeds here proves there was no commit.
                await using var connection = await _store.OpenAsync(CancellationToken.None);
                committed = await XaRecovery.ResolveAsync(connection, _branches[0].Id, XaResolution.Rollback, CancellationToken.None) ? false
                    : await XaRecovery.HasFilesRowAsync(connection, _branches[0].Id.Token, CancellationToken.None) ? true
                    : null;
            }
            catch (Exception check) when (check is MySqlException or IOException or DatabaseUnavailableException)
            {
                committed = null;
            }

            if (committed is null)
            {
                _decided = true; // unknown: leave every prepared branch to recovery rather than guess
                throw new DatabaseUnavailableException($"{_file.Path}: the commit's outcome is unknown ({e.Message}); the next 'botengine load' on this database settles it", e);
            }

            if (committed == false)
            {
                throw;
            }

            _decided = true;
        }
    }

    private XaBranch PickBranch()
    {
        var best = _branches[_next];
        for (var i = 1; i < _branches.Length; i++)
        {
            var candidate = _branches[(_next + i) % _branches.Length];
            if (candidate.Backlog < best.Backlog)
            {
                best = candidate;
            }
        }

        _next = (Array.IndexOf(_branches, best) + 1) % _branches.Length;
        return best;
    }
}
