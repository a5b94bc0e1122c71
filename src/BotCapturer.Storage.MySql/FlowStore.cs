using System.Globalization;
using System.Runtime.CompilerServices;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Storage.MySql.Loading;
using BotCapturer.Storage.MySql.Reading;
using BotCapturer.Storage.MySql.Xa;
using MySqlConnector;

namespace BotCapturer.Storage.MySql;

/// <summary>
/// The botengine database: schema, groups, transactional per-file loads, status, and reading a group's flows back.
/// Every value reaches the server as a parameter or as bulk-load data; no SQL is built from values.
/// </summary>
public sealed class FlowStore
{
    /// <summary>The schema version that added <c>files.xa_token</c>.</summary>
    private const int XaSchemaVersion = 4;

    private readonly StoreConnection _store;

    public FlowStore(StoreConnection store) => _store = store;

    /// <summary>Host and port of the server, for messages.</summary>
    public string Server => _store.Server;

    /// <summary>Creates or upgrades the schema; returns the migrations applied now (none when it was current).</summary>
    public async Task<IReadOnlyList<string>> InitAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        return await SchemaMigrator.MigrateAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Commits or rolls back the prepared XA branches that multi-connection loads of this database left behind (see
    /// <see cref="XaRecovery"/>); a no-op on a schema older than version 4, which no such load can have used. Run
    /// before a load looks at which files the group holds, and before <c>init</c> alters tables that prepared
    /// branches hold locks on.
    /// </summary>
    public async Task<XaRecoveryResult> RecoverPreparedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        if (await SchemaMigrator.CurrentVersionAsync(connection, cancellationToken) < XaSchemaVersion)
        {
            return new XaRecoveryResult(XaRecovery.Unsupported(connection.ServerVersion), 0, 0, 0);
        }

        return await XaRecovery.RecoverAsync(connection, cancellationToken);
    }

    /// <summary>Checks, before any work, that a load can succeed: the schema is current and the server allows LOAD DATA LOCAL.</summary>
    public async Task CheckLoadableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        await SchemaMigrator.RequireCurrentAsync(connection, cancellationToken);
        await using var command = new MySqlCommand("SELECT @@GLOBAL.local_infile", connection);
        var value = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (value is not ("1" or "ON" or "True"))
        {
            throw new DatabaseUnavailableException(
                $"the server at {_store.Server} has local_infile=OFF, so LOAD DATA LOCAL (the bulk loader) is refused; " +
                "turn it on: SET GLOBAL local_infile = 1, or start the server with --local-infile=1");
        }
    }

    /// <summary>Creates the group when it does not exist; returns true when it did not. A group that exists under another
    /// name is refused unless the request says <see cref="GroupRequest.Append"/>.</summary>
    public async Task<bool> PrepareGroupAsync(GroupRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var select = new MySqlCommand("SELECT name FROM `groups` WHERE id = @id FOR UPDATE", connection, transaction))
        {
            select.Parameters.AddWithValue("@id", request.Id);
            if (await select.ExecuteScalarAsync(cancellationToken) is string existing)
            {
                if (request.Name is not null && request.Name != existing && !request.Append)
                {
                    throw new StoreConflictException($"group {request.Id} exists with the name '{existing}'; give that name, or --append to load into it anyway");
                }

                return false;
            }
        }

        await using (var insert = new MySqlCommand("INSERT INTO `groups` (id, name, note, created) VALUES (@id, @name, @note, UTC_TIMESTAMP(6))", connection, transaction))
        {
            insert.Parameters.AddWithValue("@id", request.Id);
            insert.Parameters.AddWithValue("@name", request.Name ?? string.Empty);
            insert.Parameters.AddWithValue("@note", request.Note);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The files a group holds, by content hash (lower-case hex) with the path they were loaded from.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LoadedFilesAsync(long groupId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT sha256, path FROM files WHERE group_id = @group", connection);
        command.Parameters.AddWithValue("@group", groupId);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[Convert.ToHexStringLower((byte[])reader.GetValue(0))] = reader.GetString(1);
        }

        return result;
    }

    /// <summary>Starts the transaction that stores one file (see <see cref="IFileFlowSink"/>); <paramref name="committed"/>
    /// runs after its commit. With <paramref name="connections"/> above 1 (flows only, not with packets) the file
    /// loads through that many connections as one XA transaction (<see cref="XaFileLoad"/>).</summary>
    public async ValueTask<IFileFlowSink> BeginFileAsync(long groupId, FileIdentity file, bool storePackets, int connections, Action<FileLoadResult>? committed, CancellationToken cancellationToken) =>
        connections > 1 && !storePackets
            ? await XaFileLoad.BeginAsync(_store, groupId, file, connections, committed, cancellationToken)
            : await FileLoad.BeginAsync(_store, groupId, file, storePackets, committed, cancellationToken);

    /// <summary>
    /// Recomputes a group's totals from its files. <c>flows</c> counts flows after joining the partials that file
    /// boundaries cut, with <paramref name="mergeOptions"/>'s timeouts, so it equals what an in-memory run of the same
    /// captures reports; <c>flow_rows</c> counts the stored rows.
    /// </summary>
    public async Task RefreshGroupAsync(long groupId, FlowOptions mergeOptions, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        long partials = 0;
        var merger = new FlowMerger(mergeOptions);
        await using (var select = new MySqlCommand(
            $"SELECT {FlowRowReader.SelectColumns} FROM flows WHERE group_id = @group AND (continues_earlier OR continues_later)", connection))
        {
            select.Parameters.AddWithValue("@group", groupId);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                merger.Offer(FlowRowReader.Read(reader));
                partials++;
            }
        }

        var joined = partials - merger.Complete().Count;
        await using var update = new MySqlCommand(
            """
            UPDATE `groups` g,
              (SELECT COUNT(*) AS files, COALESCE(SUM(packets), 0) AS packets, COALESCE(SUM(bytes), 0) AS bytes,
                      COALESCE(SUM(flows), 0) AS flow_rows, COALESCE(SUM(packet_rows), 0) AS packet_rows,
                      MIN(first_packet_ns) AS first_ns, MAX(last_packet_ns) AS last_ns
               FROM files WHERE group_id = @group) s
            SET g.files = s.files, g.packets = s.packets, g.bytes = s.bytes, g.flow_rows = s.flow_rows,
                g.flows = s.flow_rows - @joined, g.packet_rows = s.packet_rows,
                g.first_packet_ns = s.first_ns, g.last_packet_ns = s.last_ns
            WHERE g.id = @group
            """, connection);
        update.Parameters.AddWithValue("@group", groupId);
        update.Parameters.AddWithValue("@joined", joined);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes a group that has no files (one this run created and then stored nothing in).</summary>
    public async Task<bool> DeleteGroupIfEmptyAsync(long groupId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        await using var delete = new MySqlCommand(
            "DELETE FROM `groups` WHERE id = @group AND NOT EXISTS (SELECT 1 FROM files WHERE files.group_id = @group)", connection);
        delete.Parameters.AddWithValue("@group", groupId);
        return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Every group with its totals, in id order.</summary>
    public async Task<IReadOnlyList<GroupSummary>> GetGroupsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        await SchemaMigrator.RequireCurrentAsync(connection, cancellationToken);
        await using var command = new MySqlCommand(
            """
            SELECT g.id, g.name, g.note, g.created, g.first_packet_ns, g.last_packet_ns, g.files, g.packets, g.bytes,
                   g.flows, g.flow_rows, g.packet_rows, (SELECT COUNT(*) FROM cflows c WHERE c.group_id = g.id), g.analysed
            FROM `groups` g ORDER BY g.id
            """, connection);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var groups = new List<GroupSummary>();
        while (await r.ReadAsync(cancellationToken))
        {
            groups.Add(new GroupSummary(
                r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc),
                r.IsDBNull(4) ? null : r.GetInt64(4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetInt32(6), r.GetInt64(7), r.GetInt64(8),
                r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.IsDBNull(13) ? null : DateTime.SpecifyKind(r.GetDateTime(13), DateTimeKind.Utc)));
        }

        return groups;
    }

    /// <summary>
    /// Streams a stored group's flows (for <c>botengine run --group N</c>): complete flows as they are read, then the
    /// partials that file boundaries cut, joined as the in-memory pipeline joins them (<see cref="FlowMerger"/> with
    /// <paramref name="mergeOptions"/>, default timeouts when null). Pass <paramref name="joinPartials"/> false to get
    /// the stored rows one for one.
    /// </summary>
    public async IAsyncEnumerable<Flow> ReadFlowsAsync(long groupId, FlowOptions? mergeOptions, bool joinPartials, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        var merger = joinPartials ? new FlowMerger(mergeOptions ?? FlowOptions.Default) : null;
        await using (var command = new MySqlCommand(
            $"SELECT {FlowRowReader.SelectColumns} FROM flows WHERE group_id = @group ORDER BY group_id, file_id, seq", connection))
        {
            command.Parameters.AddWithValue("@group", groupId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var flow = FlowRowReader.Read(reader);
                if (merger is null || merger.Offer(flow))
                {
                    yield return flow;
                }
            }
        }

        if (merger is not null)
        {
            foreach (var flow in merger.Complete())
            {
                yield return flow;
            }
        }
    }
}
