using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BotCapturer.Engine.Analysis.Vote;
using BotCapturer.Graph;
using BotCapturer.Net;
using BotCapturer.Storage.MySql.Loading;
using BotCapturer.Storage.MySql.Tsv;
using BotCapturer.Vote;
using MySqlConnector;

namespace BotCapturer.Storage.MySql.Results;

/// <summary>
/// Saves an analysis of a stored group (<c>botengine run --group N</c>) into the result tables: <c>host_scores</c>,
/// <c>clusters</c> (C and A hosts) and <c>verdicts</c> (schema 002), <c>cflows</c>, <c>activities</c> and <c>aclusters</c>
/// (schema 003). One transaction replaces the group's earlier rows, and only when asked to (<c>--overwrite</c>); each
/// table streams through <c>LOAD DATA LOCAL</c> and is checked like the flow loads (rows sent = rows stored, no warnings).
/// </summary>
public sealed class ResultStore(StoreConnection store)
{
    /// <summary>Every table that holds a group's results, in the order they are saved.</summary>
    public static readonly IReadOnlyList<string> Tables = ["host_scores", "clusters", "verdicts", "cflows", "activities", "aclusters"];

    private static readonly string[] HostScoreColumns = ["group_id", "host", "neighbours", "egonet_edges", "egonet_weight", "eigenvalue", "oddball_score", "lof", "weight_cv", "score_rank"];
    private static readonly string[] ClusterColumns = ["group_id", "plane", "cluster_id", "host"];
    private static readonly string[] VerdictColumns = ["group_id", "host", "votes", "graph_vote", "cplane_vote", "aplane_vote", "botscore", "host_group", "evidence"];

    /// <summary>Rows saved per table by the last <see cref="SaveAsync"/>.</summary>
    public IReadOnlyDictionary<string, long> Saved { get; private set; } = new Dictionary<string, long>();

    /// <summary>Fails with <see cref="StoreConflictException"/> (the one line telling the user about <c>--overwrite</c>)
    /// when the group already has results; <c>run --group</c> checks this before it reads any flow.</summary>
    public async Task RequireNoResultsAsync(long groupId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await ThrowIfResultsAsync(connection, null, groupId, cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="result"/> as the group's results and marks the group analysed. A group that has results
    /// already is refused (<see cref="StoreConflictException"/>, nothing changed) unless <paramref name="overwrite"/>,
    /// which replaces them in the same transaction.
    /// </summary>
    public async Task SaveAsync(long groupId, AnalysisResult result, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockGroup = new MySqlCommand("SELECT COUNT(*) FROM `groups` WHERE id = @group FOR UPDATE", connection, transaction))
        {
            // Holds the group's row until commit, so two runs of one group save one after the other.
            lockGroup.Parameters.AddWithValue("@group", groupId);
            if (Convert.ToInt64(await lockGroup.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                throw new StoreConflictException($"group {groupId} was deleted while it was analysed; nothing saved");
            }
        }

        if (!overwrite)
        {
            await ThrowIfResultsAsync(connection, transaction, groupId, cancellationToken);
        }

        foreach (var table in Tables)
        {
            await using var delete = new MySqlCommand($"DELETE FROM {table} WHERE group_id = @group", connection, transaction);
            delete.Parameters.AddWithValue("@group", groupId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var hostScores = result.Graph.Ranked.Select(s => (Score: s, Ok: HostAddress.TryParse(s.Host, out var h), Host: h)).Where(x => x.Ok);
        var verdicts = result.Vote.Hosts.Select(v => (Verdict: v, Ok: HostAddress.TryParse(v.Host, out var h), Host: h)).Where(x => x.Ok);
        var groupOf = result.Vote.Groups.SelectMany(g => g.Hosts.Select(h => (h, g.Id))).ToDictionary(x => x.h, x => x.Id, StringComparer.Ordinal);
        var saved = new Dictionary<string, long>
        {
            ["host_scores"] = await LoadAsync(connection, transaction, "host_scores", HostScoreColumns, hostScores, (w, x) => HostScoreRow(w, groupId, x.Score, x.Host), cancellationToken),
            ["clusters"] = await LoadAsync(connection, transaction, "clusters", ClusterColumns, ClusterMembers(result), (w, x) => ClusterRow(w, groupId, x.Plane, x.Id, x.Host), cancellationToken),
            ["verdicts"] = await LoadAsync(connection, transaction, "verdicts", VerdictColumns, verdicts, (w, x) => VerdictRow(w, groupId, x.Verdict, x.Host, groupOf), cancellationToken),
            ["cflows"] = await LoadAsync(connection, transaction, "cflows", CFlowRows.Columns, CFlowRows.Of(result.CPlane), (w, x) => CFlowRows.Write(w, groupId, x.Id, x.Vector, x.Cluster, x.EpochStartNs), cancellationToken),
            ["activities"] = await LoadAsync(connection, transaction, "activities", APlaneRows.ActivityColumns, APlaneRows.Of(result.APlane), (w, x) => APlaneRows.WriteActivity(w, groupId, x.Id, x.Activity, x.Cluster), cancellationToken),
            ["aclusters"] = await LoadAsync(connection, transaction, "aclusters", APlaneRows.ClusterColumns, result.APlane.Clusters, (w, c) => APlaneRows.WriteCluster(w, groupId, c), cancellationToken),
        };
        await using (var mark = new MySqlCommand("UPDATE `groups` SET analysed = UTC_TIMESTAMP(6) WHERE id = @group", connection, transaction))
        {
            mark.Parameters.AddWithValue("@group", groupId);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Saved = saved;
    }

    /// <summary>The refusal <c>run --group</c> gives for a group with results, naming when they were saved.</summary>
    internal static string OverwriteMessage(long groupId, DateTime? analysed) =>
        $"group {groupId} already has results" +
        (analysed is { } at ? " (saved " + at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC)" : string.Empty) +
        "; pass --overwrite to replace them";

    private static async Task ThrowIfResultsAsync(MySqlConnection connection, MySqlTransaction? transaction, long groupId, CancellationToken cancellationToken)
    {
        // A group has results when a run marked it analysed or when any result table holds its rows.
        var exists = string.Join(" OR ", Tables.Select(t => $"EXISTS (SELECT 1 FROM {t} WHERE group_id = @group)"));
        await using var command = new MySqlCommand($"SELECT analysed, {exists} FROM `groups` WHERE id = @group", connection, transaction);
        command.Parameters.AddWithValue("@group", groupId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken) && (!reader.IsDBNull(0) || reader.GetInt64(1) != 0))
        {
            var analysed = reader.IsDBNull(0) ? (DateTime?)null : DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc);
            throw new StoreConflictException(OverwriteMessage(groupId, analysed));
        }
    }

    private static async Task<long> LoadAsync<T>(
        MySqlConnection connection, MySqlTransaction transaction, string table, string[] columns, IEnumerable<T> items, Action<IBufferWriter<byte>, T> writeRow, CancellationToken cancellationToken)
    {
        await using var source = new TsvRowStream<T>(items, writeRow);
        var stored = await BulkLoad.Create(connection, table, columns, source).LoadAsync(cancellationToken);
        await BulkLoad.VerifyAsync(connection, transaction, table, source.Rows, stored, "run --group", cancellationToken);
        return source.Rows;
    }

    private static IEnumerable<(char Plane, int Id, HostAddress Host)> ClusterMembers(AnalysisResult result)
    {
        foreach (var c in result.CPlane.Clusters)
        {
            foreach (var h in c.Hosts)
            {
                yield return ('C', c.Id, h);
            }
        }

        foreach (var a in result.APlane.Clusters)
        {
            foreach (var h in a.Hosts.Distinct())
            {
                yield return ('A', a.Id, h);
            }
        }
    }

    private static void HostScoreRow(IBufferWriter<byte> w, long groupId, HostScore s, HostAddress host)
    {
        TsvWriter.Int64(w, groupId, (byte)'\t');
        TsvWriter.Binary(w, AddressBytes.ToArray(host), (byte)'\t');
        TsvWriter.Int64(w, s.N, (byte)'\t');
        TsvWriter.Int64(w, s.E, (byte)'\t');
        TsvWriter.Double(w, s.W, (byte)'\t');
        TsvWriter.Double(w, s.Lambda, (byte)'\t');
        TsvWriter.Double(w, s.Score, (byte)'\t');
        TsvWriter.Double(w, s.Lof, (byte)'\t');
        TsvWriter.Double(w, s.Cv, (byte)'\t');
        TsvWriter.Int64(w, s.Rank, (byte)'\n');
    }

    private static void ClusterRow(IBufferWriter<byte> w, long groupId, char plane, int id, HostAddress host)
    {
        TsvWriter.Int64(w, groupId, (byte)'\t');
        TsvWriter.Ascii(w, plane.ToString(), (byte)'\t');
        TsvWriter.Int64(w, id, (byte)'\t');
        TsvWriter.Binary(w, AddressBytes.ToArray(host), (byte)'\n');
    }

    private static void VerdictRow(IBufferWriter<byte> w, long groupId, HostVerdict v, HostAddress host, Dictionary<string, int> groupOf)
    {
        TsvWriter.Int64(w, groupId, (byte)'\t');
        TsvWriter.Binary(w, AddressBytes.ToArray(host), (byte)'\t');
        TsvWriter.Int64(w, v.VoteCount, (byte)'\t');
        TsvWriter.Bool(w, v.Votes.HasFlag(VoteKind.Graph), (byte)'\t');
        TsvWriter.Bool(w, v.Votes.HasFlag(VoteKind.CPlane), (byte)'\t');
        TsvWriter.Bool(w, v.Votes.HasFlag(VoteKind.APlane), (byte)'\t');
        TsvWriter.Double(w, v.BotScore, (byte)'\t');
        if (groupOf.TryGetValue(v.Host, out var g))
        {
            TsvWriter.Int64(w, g, (byte)'\t');
        }
        else
        {
            TsvWriter.Null(w, (byte)'\t');
        }

        TsvWriter.Binary(w, Evidence(v), (byte)'\n');
    }

    /// <summary>The verdict's evidence as UTF-8 JSON: votes, suspicious, graph score, egonets, C-clusters, A-clusters.</summary>
    internal static byte[] Evidence(HostVerdict v)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteBoolean("suspicious", v.Suspicious);
            json.WriteString("votes", v.VoteNames);
            json.WriteNumber("graph_score", v.GraphScore);
            json.WriteString("egonet_of", string.Join(';', v.Egonets));
            json.WriteString("cclusters", string.Join(';', v.CClusters));
            json.WriteString("aclusters", string.Join(';', v.AClusters.Select(a => $"{a.Type}:{a.Id}")));
            json.WriteNumber("planes", v.Planes);
            if (v.Beacon is { } b)
            {
                json.WriteString("beacon_to", b.Target);
                json.WriteNumber("beacon", b.Strength);
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }
}
