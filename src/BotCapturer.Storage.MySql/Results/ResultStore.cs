using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BotCapturer.Engine.Analysis.Vote;
using BotCapturer.Net;
using BotCapturer.Storage.MySql.Loading;
using BotCapturer.Storage.MySql.Tsv;
using BotCapturer.Vote;
using MySqlConnector;

namespace BotCapturer.Storage.MySql.Results;

/// <summary>
/// Saves an analysis of a stored group (<c>botengine run --group N</c>) into the result tables of schema 002:
/// <c>host_scores</c>, <c>clusters</c> (C and A) and <c>verdicts</c>, replacing the group's earlier rows, in one
/// transaction, each table streamed through <c>LOAD DATA LOCAL</c> and checked like the flow loads.
/// </summary>
public sealed class ResultStore(StoreConnection store)
{
    private static readonly string[] HostScoreColumns = ["group_id", "host", "neighbours", "egonet_edges", "egonet_weight", "eigenvalue", "oddball_score", "lof", "weight_cv", "score_rank"];
    private static readonly string[] ClusterColumns = ["group_id", "plane", "cluster_id", "host"];
    private static readonly string[] VerdictColumns = ["group_id", "host", "votes", "graph_vote", "cplane_vote", "aplane_vote", "botscore", "host_group", "evidence"];

    /// <summary>Rows saved per table by the last <see cref="SaveAsync"/>.</summary>
    public IReadOnlyDictionary<string, long> Saved { get; private set; } = new Dictionary<string, long>();

    /// <summary>Replaces the group's result rows with <paramref name="result"/> and marks the group analysed.</summary>
    public async Task SaveAsync(long groupId, AnalysisResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "host_scores", "clusters", "verdicts" })
        {
            await using var delete = new MySqlCommand($"DELETE FROM {table} WHERE group_id = @group", connection, transaction);
            delete.Parameters.AddWithValue("@group", groupId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var saved = new Dictionary<string, long>
        {
            ["host_scores"] = await LoadAsync(connection, transaction, "host_scores", HostScoreColumns, w => HostScoreRows(w, groupId, result), cancellationToken),
            ["clusters"] = await LoadAsync(connection, transaction, "clusters", ClusterColumns, w => ClusterRows(w, groupId, result), cancellationToken),
            ["verdicts"] = await LoadAsync(connection, transaction, "verdicts", VerdictColumns, w => VerdictRows(w, groupId, result.Vote), cancellationToken),
        };
        await using (var mark = new MySqlCommand("UPDATE `groups` SET analysed = UTC_TIMESTAMP(6) WHERE id = @group", connection, transaction))
        {
            mark.Parameters.AddWithValue("@group", groupId);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Saved = saved;
    }

    private static async Task<long> LoadAsync(
        MySqlConnection connection, MySqlTransaction transaction, string table, string[] columns, Func<ArrayBufferWriter<byte>, long> rows, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var sent = rows(buffer);
        if (sent == 0)
        {
            return 0;
        }

        using var source = new MemoryStream(buffer.WrittenMemory.ToArray(), writable: false);
        var stored = await BulkLoad.Create(connection, table, columns, source).LoadAsync(cancellationToken);
        await BulkLoad.VerifyAsync(connection, transaction, table, sent, stored, "run --group", cancellationToken);
        return sent;
    }

    private static long HostScoreRows(ArrayBufferWriter<byte> w, long groupId, AnalysisResult result)
    {
        long n = 0;
        foreach (var s in result.Graph.Ranked)
        {
            if (!HostAddress.TryParse(s.Host, out var host))
            {
                continue;
            }

            TsvWriter.Int64(w, groupId, (byte)'\t');
            TsvWriter.Binary(w, AddressBytes.ToArray(host), (byte)'\t');
            TsvWriter.Int64(w, s.N, (byte)'\t');
            TsvWriter.Int64(w, s.E, (byte)'\t');
            Double(w, s.W, (byte)'\t');
            Double(w, s.Lambda, (byte)'\t');
            Double(w, s.Score, (byte)'\t');
            Double(w, s.Lof, (byte)'\t');
            Double(w, s.Cv, (byte)'\t');
            TsvWriter.Int64(w, s.Rank, (byte)'\n');
            n++;
        }

        return n;
    }

    private static long ClusterRows(ArrayBufferWriter<byte> w, long groupId, AnalysisResult result)
    {
        long n = 0;
        void Row(char plane, int id, HostAddress host)
        {
            TsvWriter.Int64(w, groupId, (byte)'\t');
            TsvWriter.Ascii(w, plane.ToString(), (byte)'\t');
            TsvWriter.Int64(w, id, (byte)'\t');
            TsvWriter.Binary(w, AddressBytes.ToArray(host), (byte)'\n');
            n++;
        }

        foreach (var c in result.CPlane.Clusters)
        {
            foreach (var h in c.Hosts)
            {
                Row('C', c.Id, h);
            }
        }

        foreach (var a in result.APlane.Clusters)
        {
            foreach (var h in a.Hosts.Distinct())
            {
                Row('A', a.Id, h);
            }
        }

        return n;
    }

    private static long VerdictRows(ArrayBufferWriter<byte> w, long groupId, VoteResult vote)
    {
        var groupOf = vote.Groups.SelectMany(g => g.Hosts.Select(h => (h, g.Id))).ToDictionary(x => x.h, x => x.Id, StringComparer.Ordinal);
        long n = 0;
        foreach (var v in vote.Hosts)
        {
            if (!HostAddress.TryParse(v.Host, out var host))
            {
                continue;
            }

            TsvWriter.Int64(w, groupId, (byte)'\t');
            TsvWriter.Binary(w, AddressBytes.ToArray(host), (byte)'\t');
            TsvWriter.Int64(w, v.VoteCount, (byte)'\t');
            TsvWriter.Bool(w, v.Votes.HasFlag(VoteKind.Graph), (byte)'\t');
            TsvWriter.Bool(w, v.Votes.HasFlag(VoteKind.CPlane), (byte)'\t');
            TsvWriter.Bool(w, v.Votes.HasFlag(VoteKind.APlane), (byte)'\t');
            Double(w, v.BotScore, (byte)'\t');
            if (groupOf.TryGetValue(v.Host, out var g))
            {
                TsvWriter.Int64(w, g, (byte)'\t');
            }
            else
            {
                TsvWriter.Null(w, (byte)'\t');
            }

            TsvWriter.Binary(w, Evidence(v), (byte)'\n');
            n++;
        }

        return n;
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

    private static void Double(ArrayBufferWriter<byte> w, double value, byte separator)
    {
        if (double.IsFinite(value))
        {
            TsvWriter.Ascii(w, value.ToString("R", CultureInfo.InvariantCulture), separator);
        }
        else
        {
            TsvWriter.Null(w, separator);
        }
    }
}
