using System.Buffers;
using System.IO.Pipelines;
using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Storage.MySql.Tsv;
using MySqlConnector;

namespace BotCapturer.Storage.MySql.Loading;

/// <summary>
/// Stores one capture file as one transaction (DESIGN.md "Storage"): its <c>files</c> row, its flows and, when asked,
/// its packets commit together in <see cref="CompleteAsync"/> or not at all. Rows stream as TSV through a
/// <see cref="Pipe"/> into <c>LOAD DATA LOCAL</c> while the file is read; the pipe's pause threshold is the
/// back-pressure on the reader. One connection carries one statement at a time, so with packets the packet rows
/// stream and the (far fewer) flow rows are spooled to a temporary file and loaded after them.
/// </summary>
internal sealed class FileLoad : IFileFlowSink
{
    private const int PipePause = 4 << 20;

    private readonly MySqlConnection _connection;
    private readonly MySqlTransaction _transaction;
    private readonly long _groupId;
    private readonly long _fileId;
    private readonly FileIdentity _file;
    private readonly Action<FileLoadResult>? _committed;
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: PipePause, resumeWriterThreshold: PipePause / 2, minimumSegmentSize: 1 << 16, useSynchronizationContext: false));
    private readonly Task<int> _streamLoad;
    private readonly bool _storePackets;
    private readonly ArrayBufferWriter<byte>? _spoolBuffer;
    private readonly FileStream? _spool;
    private long _flowRows;
    private long _packetRows;
    private long _firstNs = long.MaxValue;
    private long _lastNs = long.MinValue;
    private bool _done;

    private FileLoad(MySqlConnection connection, MySqlTransaction transaction, long groupId, long fileId, FileIdentity file, bool storePackets, Action<FileLoadResult>? committed)
    {
        _connection = connection;
        _transaction = transaction;
        _groupId = groupId;
        _fileId = fileId;
        _file = file;
        _storePackets = storePackets;
        _committed = committed;
        if (storePackets)
        {
            _spoolBuffer = new ArrayBufferWriter<byte>(1 << 20);
            _spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            PacketObserver = OnPacket;
        }

        var loader = storePackets
            ? BulkLoad.Create(connection, "packets", PacketRows.Columns, _pipe.Reader.AsStream(), groupId, fileId)
            : BulkLoad.Create(connection, "flows", FlowRows.Columns, _pipe.Reader.AsStream(), groupId, fileId);
        // The statement runs on its own task and reads the pipe as the worker fills it; it is stopped through the pipe.
        _streamLoad = Task.Run(() => loader.LoadAsync(CancellationToken.None));
    }

    public Action<CaptureRecord, DecodedPacket>? PacketObserver { get; }

    /// <summary>Opens a connection and a transaction and inserts the file's row; a file already stored in the group
    /// (by another loader meanwhile) fails on the unique (group, sha256) key.</summary>
    public static async Task<FileLoad> BeginAsync(StoreConnection store, long groupId, FileIdentity file, bool storePackets, Action<FileLoadResult>? committed, CancellationToken cancellationToken)
    {
        var connection = await store.OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = new MySqlCommand(
                "INSERT INTO files (group_id, path, size, sha256, status, loaded) VALUES (@group, @path, @size, @sha256, 'loading', UTC_TIMESTAMP(6))",
                connection, transaction);
            insert.Parameters.AddWithValue("@group", groupId);
            insert.Parameters.AddWithValue("@path", file.Path);
            insert.Parameters.AddWithValue("@size", file.Size);
            insert.Parameters.AddWithValue("@sha256", file.Sha256);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
            {
                throw new StoreConflictException($"{file.Path}: the same content was loaded into group {groupId} by another process meanwhile");
            }

            return new FileLoad(connection, transaction, groupId, insert.LastInsertedId, file, storePackets, committed);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        IBufferWriter<byte> writer = _storePackets ? _spoolBuffer! : _pipe.Writer;
        foreach (var flow in batch)
        {
            FlowRows.Write(writer, _flowRows++, flow);
            _firstNs = Math.Min(_firstNs, flow.StartNs);
            _lastNs = Math.Max(_lastNs, flow.EndNs);
        }

        if (_storePackets)
        {
            await _spool!.WriteAsync(_spoolBuffer!.WrittenMemory, cancellationToken);
            _spoolBuffer.ResetWrittenCount();
        }
        else
        {
            await FlushPipeAsync(cancellationToken);
        }
    }

    public ValueTask ChunkReadAsync(CancellationToken cancellationToken) => _storePackets ? FlushPipeAsync(cancellationToken) : ValueTask.CompletedTask;

    public async ValueTask CompleteAsync(FileResult result, CancellationToken cancellationToken)
    {
        await _pipe.Writer.CompleteAsync();
        var streamed = await _streamLoad;
        var what = _file.Path;
        if (_storePackets)
        {
            await BulkLoad.VerifyAsync(_connection, _transaction, "packets", _packetRows, streamed, what, cancellationToken);
            await _spool!.FlushAsync(cancellationToken);
            _spool.Position = 0;
            var flows = await BulkLoad.Create(_connection, "flows", FlowRows.Columns, _spool, _groupId, _fileId).LoadAsync(cancellationToken);
            await BulkLoad.VerifyAsync(_connection, _transaction, "flows", _flowRows, flows, what, cancellationToken);
        }
        else
        {
            await BulkLoad.VerifyAsync(_connection, _transaction, "flows", _flowRows, streamed, what, cancellationToken);
        }

        await UpdateFileRowAsync(_connection, _transaction, _fileId, result, _flowRows, _packetRows, _firstNs, _lastNs, cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
        _done = true;
        _committed?.Invoke(new FileLoadResult(_file, _fileId, result.Counters.Packets, _flowRows, _packetRows, result.Error));
    }

    /// <summary>Gives the file's row its counts and status once its rows are stored (in the same transaction).</summary>
    internal static async Task UpdateFileRowAsync(MySqlConnection connection, MySqlTransaction? transaction, long fileId, FileResult result, long flowRows, long packetRows, long firstNs, long lastNs, CancellationToken cancellationToken)
    {
        await using var update = new MySqlCommand(
            """
            UPDATE files SET packets = @packets, decoded = @decoded, bytes = @bytes, flows = @flows, packet_rows = @packetRows,
              first_packet_ns = @first, last_packet_ns = @last, status = @status, error = @error WHERE id = @id
            """, connection, transaction);
        update.Parameters.AddWithValue("@packets", result.Counters.Packets);
        update.Parameters.AddWithValue("@decoded", result.Counters.Decoded);
        update.Parameters.AddWithValue("@bytes", result.Counters.WireBytes);
        update.Parameters.AddWithValue("@flows", flowRows);
        update.Parameters.AddWithValue("@packetRows", packetRows);
        update.Parameters.AddWithValue("@first", flowRows > 0 ? firstNs : null);
        update.Parameters.AddWithValue("@last", flowRows > 0 ? lastNs : null);
        update.Parameters.AddWithValue("@status", result.Error is null ? "loaded" : "read-error");
        update.Parameters.AddWithValue("@error", result.Error);
        update.Parameters.AddWithValue("@id", fileId);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            // Abandoned (a fault or a cancellation): end the statement with an error, then roll everything back.
            await _pipe.Writer.CompleteAsync(new OperationCanceledException("the load of this file was abandoned"));
            try
            {
                await _streamLoad;
            }
            catch (Exception)
            {
                // expected: the statement fails because its source failed
            }

            try
            {
                await _transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception)
            {
                // the connection may be gone (server killed, network cut): the server rolls back on its own
            }
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
        if (_spool is not null)
        {
            await _spool.DisposeAsync();
        }
    }

    private void OnPacket(CaptureRecord record, DecodedPacket packet) =>
        PacketRows.Write(_pipe.Writer, _packetRows++, record, packet);

    private async ValueTask FlushPipeAsync(CancellationToken cancellationToken)
    {
        var flush = await _pipe.Writer.FlushAsync(cancellationToken);
        if (flush.IsCompleted)
        {
            // The statement stopped reading: it failed. Surface its error.
            await _streamLoad;
            throw new BulkLoadException($"{_file.Path}: the server stopped reading the bulk load");
        }
    }
}
