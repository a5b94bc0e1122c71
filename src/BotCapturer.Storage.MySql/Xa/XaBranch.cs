using System.IO.Pipelines;
using BotCapturer.Storage.MySql.Loading;
using BotCapturer.Storage.MySql.Tsv;
using MySqlConnector;

namespace BotCapturer.Storage.MySql.Xa;

/// <summary>
/// One branch of a multi-connection file load: its own connection in an XA transaction, and its own
/// <c>LOAD DATA LOCAL</c> of <c>flows</c> reading a <see cref="Pipe"/> that the file's worker fills. The pipe's
/// pause threshold is the back-pressure, as in the one-connection load.
/// </summary>
internal sealed class XaBranch : IAsyncDisposable
{
    private const int PipePause = 4 << 20;

    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: PipePause, resumeWriterThreshold: PipePause / 2, minimumSegmentSize: 1 << 16, useSynchronizationContext: false));
    private readonly CountingReadStream _source;
    private Task<int>? _load;
    private long _written;

    public XaBranch(MySqlConnection connection, XaBranchId id)
    {
        Connection = connection;
        Id = id;
        _source = new CountingReadStream(_pipe.Reader.AsStream());
    }

    public MySqlConnection Connection { get; }

    public XaBranchId Id { get; }

    public XaBranchState State { get; private set; }

    /// <summary>Where the worker writes this branch's rows.</summary>
    public PipeWriter Writer => _pipe.Writer;

    /// <summary>Rows written to this branch.</summary>
    public long RowsSent { get; set; }

    /// <summary>Bytes handed to the pipe that its statement has not read yet.</summary>
    public long Backlog => _written - _source.BytesRead;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await XaCommands.ExecuteAsync(Connection, "START", Id, cancellationToken);
        State = XaBranchState.Active;
    }

    /// <summary>Starts the branch's statement; it runs on its own task and reads the pipe as the worker fills it.</summary>
    public void BeginStreaming(long groupId, long fileId)
    {
        var loader = BulkLoad.Create(Connection, "flows", FlowRows.Columns, _source, groupId, fileId);
        _load = Task.Run(() => loader.LoadAsync(CancellationToken.None));
    }

    public async ValueTask FlushAsync(string what, CancellationToken cancellationToken)
    {
        _written += _pipe.Writer.UnflushedBytes;
        var flush = await _pipe.Writer.FlushAsync(cancellationToken);
        if (flush.IsCompleted)
        {
            // The statement stopped reading: it failed. Surface its error.
            await _load!;
            throw new BulkLoadException($"{what}: the server stopped reading the bulk load of branch {Id.Branch}");
        }
    }

    /// <summary>Ends the statement and checks it: rows the server reports equal rows sent, no warnings.</summary>
    public async Task FinishAsync(string what, CancellationToken cancellationToken)
    {
        await _pipe.Writer.CompleteAsync();
        var reported = await _load!;
        _load = null;
        await BulkLoad.VerifyAsync(Connection, null, "flows", RowsSent, reported, $"{what} (branch {Id.Branch})", cancellationToken);
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await XaCommands.ExecuteAsync(Connection, "END", Id, cancellationToken);
        State = XaBranchState.Ended;
        await XaCommands.ExecuteAsync(Connection, "PREPARE", Id, cancellationToken);
        State = XaBranchState.Prepared;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await XaCommands.ExecuteAsync(Connection, "COMMIT", Id, cancellationToken);
        State = XaBranchState.Committed;
    }

    /// <summary>Stops the statement with an error when it still runs.</summary>
    public async Task StopStreamingAsync()
    {
        if (_load is null)
        {
            return;
        }

        await _pipe.Writer.CompleteAsync(new OperationCanceledException("the load of this file was abandoned"));
        try
        {
            await _load;
        }
        catch (Exception)
        {
            // expected: the statement fails because its source failed
        }

        _load = null;
    }

    /// <summary>Rolls the branch back, prepared or not; a connection that is gone rolls an unprepared branch back on
    /// the server by itself, and a prepared one is left to the next recovery, which rolls it back (no decision).</summary>
    public async Task RollbackAsync()
    {
        await StopStreamingAsync();
        try
        {
            if (State == XaBranchState.Active)
            {
                await XaCommands.ExecuteAsync(Connection, "END", Id, CancellationToken.None);
                State = XaBranchState.Ended;
            }

            if (State is XaBranchState.Ended or XaBranchState.Prepared)
            {
                await XaCommands.ExecuteAsync(Connection, "ROLLBACK", Id, CancellationToken.None);
                State = XaBranchState.RolledBack;
            }
        }
        catch (Exception)
        {
            // the connection may be gone (server killed, network cut): see above
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopStreamingAsync();
        await _source.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
