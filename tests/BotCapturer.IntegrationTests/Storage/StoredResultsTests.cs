using System.Globalization;
using System.Text.Json;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Engine.Analysis.CPlane;
using BotCapturer.IntegrationTests.Vote;
using BotCapturer.Storage.MySql;
using MySqlConnector;
using Xunit.Abstractions;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary>
/// Issues #6 and #7, MySQL side: <c>run --group N</c> saves the C-flows, activities and A-clusters of the run, the same
/// rows the in-memory run writes to cflows.csv, activities.csv and aclusters.csv; a group with results is refused
/// without <c>--overwrite</c> and replaced with it; <c>status</c> shows the C-flow count.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class StoredResultsTests(MariaDbFixture server, ITestOutputHelper output)
{
    private const string Group = "5";

    [SkippableFact]
    public async Task Run_group_saves_cflows_activities_and_aclusters_refuses_a_rerun_and_overwrites_on_request()
    {
        var sample = Path.Combine(SharedData.RepoRoot, "data", "sample.pcap");
        var db = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["init", "--db", db])).Exit);
        var load = await CliRunner.RunAsync(["load", sample, "--group", Group, "--payload-bytes", "1024", "--db", db]);
        Assert.True(load.Exit == 0, load.Error);
        Assert.Equal((0L, false), await StatusAsync(db));

        using var memory = await RunOutput.RunAsync(sample);
        var memoryCFlows = CsvRecords(Path.Combine(memory.Folder, CPlaneCsvWriter.CFlowsFile));
        var memoryActivities = CsvRecords(Path.Combine(memory.Folder, APlaneCsvWriter.ActivitiesFile));
        var memoryAClusters = CsvRecords(Path.Combine(memory.Folder, APlaneCsvWriter.ClustersFile));
        output.WriteLine($"in memory: {memoryCFlows.Count} C-flows, {memoryActivities.Count} activities, {memoryAClusters.Count} A-clusters");
        Assert.True(memoryCFlows.Count > 100, "the sample has more than a hundred C-flows");
        Assert.NotEmpty(memoryActivities);

        var stored = Directory.CreateTempSubdirectory("botcapturer-results-db-").FullName;
        try
        {
            var run = await CliRunner.RunAsync(["run", "--group", Group, "--db", db, "--out", stored, "-q"]);
            Assert.True(run.Exit == 0, run.Error);
            var counts = await CountsAsync(db);
            output.WriteLine("stored: " + string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}")));
            Assert.Equal(memoryCFlows.Count, counts["cflows"]);
            Assert.Equal(memoryActivities.Count, counts["activities"]);
            Assert.Equal(memoryAClusters.Count, counts["aclusters"]);
            Assert.Equal((memoryCFlows.Count, true), await StatusAsync(db));
            await AssertRowsMatchCsvAsync(db, stored);

            // Without --overwrite: one error line, exit 1, and not a row or the analysed time changed.
            var analysed = await MariaDbFixture.ScalarAsync(db, $"SELECT analysed FROM `groups` WHERE id = {Group}");
            var again = await CliRunner.RunAsync(["run", "--group", Group, "--db", db, "--out", stored, "-q"]);
            Assert.Equal(1, again.Exit);
            var error = Assert.Single(again.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"botengine: error: group {Group} already has results (saved ", error, StringComparison.Ordinal);
            Assert.EndsWith("; pass --overwrite to replace them", error, StringComparison.Ordinal);
            Assert.Equal(counts, await CountsAsync(db));
            Assert.Equal(analysed, await MariaDbFixture.ScalarAsync(db, $"SELECT analysed FROM `groups` WHERE id = {Group}"));

            // With --overwrite: replaced in one transaction, the same counts, a later analysed time.
            var overwrite = await CliRunner.RunAsync(["run", "--group", Group, "--overwrite", "--db", db, "--out", stored, "-q"]);
            Assert.True(overwrite.Exit == 0, overwrite.Error);
            Assert.Equal(counts, await CountsAsync(db));
            Assert.True((DateTime)(await MariaDbFixture.ScalarAsync(db, $"SELECT analysed FROM `groups` WHERE id = {Group}"))! > (DateTime)analysed!);
            await AssertRowsMatchCsvAsync(db, stored);

            var table = await CliRunner.RunAsync(["status", "--db", db]);
            var line = table.Out.Split('\n').Single(l => l.TrimStart().StartsWith(Group + " ", StringComparison.Ordinal));
            Assert.Equal([memoryCFlows.Count.ToString(CultureInfo.InvariantCulture), "yes"], line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2..]);
        }
        finally
        {
            Directory.Delete(stored, recursive: true);
        }
    }

    [SkippableFact]
    public async Task A_group_without_activities_saves_empty_tables_and_counts_as_analysed()
    {
        var db = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["init", "--db", db])).Exit);
        var folder = Directory.CreateTempSubdirectory("botcapturer-results-empty-").FullName;
        try
        {
            // 40 UDP flows from 10.3.0.0 to 192.168.0.1:53: internal to internal, so no C-flow; nothing for the A-plane either.
            var capture = Path.Combine(folder, "udp.pcap");
            SyntheticCapture.Write(capture, 400, 40, 3);
            Assert.Equal(0, (await CliRunner.RunAsync(["load", capture, "--group", "9", "--db", db])).Exit);
            var run = await CliRunner.RunAsync(["run", "--group", "9", "--db", db, "--out", Path.Combine(folder, "out"), "-q"]);
            Assert.True(run.Exit == 0, run.Error);
            output.WriteLine(run.Out);
            Assert.Equal(CsvRecords(Path.Combine(folder, "out", CPlaneCsvWriter.CFlowsFile)).Count, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM cflows"));
            Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM activities"));
            Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM aclusters"));
            Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM `groups` WHERE id = 9 AND analysed IS NOT NULL"));
            Assert.Equal(1, (await CliRunner.RunAsync(["run", "--group", "9", "--db", db, "--out", Path.Combine(folder, "out"), "-q"])).Exit);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Init_upgrades_a_version_2_database_and_keeps_its_results()
    {
        var db = await server.CreateDatabaseAsync();
        await using (var connection = new MySqlConnection(db))
        {
            await connection.OpenAsync();
            await Execute(connection, "CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied DATETIME(6) NOT NULL) ENGINE=InnoDB");
            foreach (var (version, name, sql) in SchemaMigrator.Migrations.Where(m => m.Version <= 2))
            {
                foreach (var statement in SchemaMigrator.Statements(sql))
                {
                    await Execute(connection, statement);
                }

                await Execute(connection, $"INSERT INTO schema_version VALUES ({version}, '{name}', UTC_TIMESTAMP(6))");
            }

            await Execute(connection, "INSERT INTO `groups` (id, name, created, analysed) VALUES (3, 'old', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
            await Execute(connection, "INSERT INTO verdicts (group_id, host, votes, graph_vote, cplane_vote, aplane_vote) VALUES (3, INET6_ATON('10.0.0.1'), 2, 1, 1, 0)");
            await Execute(connection, "INSERT INTO clusters (group_id, plane, cluster_id, host) VALUES (3, 'A', 0, INET6_ATON('10.0.0.1'))");
        }

        var status = await CliRunner.RunAsync(["status", "--db", db]);
        Assert.Equal(2, status.Exit);
        Assert.Contains($"schema version 2, this botengine needs {SchemaMigrator.LatestVersion}; run 'botengine init' to upgrade", status.Error, StringComparison.Ordinal);

        var init = await CliRunner.RunAsync(["init", "--db", db]);
        Assert.True(init.Exit == 0, init.Error);
        Assert.Contains("applied 003_cflows_activities_aclusters", init.Out, StringComparison.Ordinal);
        Assert.Equal(SchemaMigrator.LatestVersion, await MariaDbFixture.CountAsync(db, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM verdicts WHERE group_id = 3"));
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM clusters WHERE group_id = 3"));
        foreach (var column in new[] { "cflows.cluster_id", "cflows.counts", "cflows.epoch", "activities.port_high", "activities.cluster_key", "aclusters.weight" })
        {
            var (table, name) = (column.Split('.')[0], column.Split('.')[1]);
            Assert.Equal(1, await MariaDbFixture.CountAsync(db,
                $"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '{table}' AND column_name = '{name}'"));
        }

        // The old group's results count as results: a run of it is refused without --overwrite.
        var run = await CliRunner.RunAsync(["run", "--group", "3", "--db", db, "--out", Path.GetTempPath()]);
        Assert.Equal(1, run.Exit);
        Assert.Contains("group 3 already has results", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Row i of the cflows and activities tables is line i of the same run's CSV files.</summary>
    private static async Task AssertRowsMatchCsvAsync(string db, string folder)
    {
        var cflows = CsvRecords(Path.Combine(folder, CPlaneCsvWriter.CFlowsFile));
        var fromDb = await RowsAsync(db,
            $"SELECT INET6_NTOA(src), INET6_NTOA(dst), dport, epoch, flows, windows, COALESCE(cluster_id, -1), LENGTH(vector), LENGTH(counts), LENGTH(reduced) FROM cflows WHERE group_id = {Group} ORDER BY id");
        Assert.Equal(cflows.Count, fromDb.Count);
        for (var i = 0; i < cflows.Count; i++)
        {
            var csv = cflows[i];
            Assert.Equal(string.Join(',', csv[1], csv[2], csv[3], csv[4], csv[5], csv[6], csv[7], "208", "208", "64"), string.Join(',', fromDb[i]));
        }

        var activities = CsvRecords(Path.Combine(folder, APlaneCsvWriter.ActivitiesFile));
        var activityRows = await RowsAsync(db,
            $"SELECT kind, INET6_NTOA(host), target, cluster_id, cluster_key, events, detail FROM activities WHERE group_id = {Group} ORDER BY id");
        Assert.Equal(activities.Select(a => string.Join('|', a[0], a[1], a[2], a[3], a[4], a[7], a[9])), activityRows.Select(r => string.Join('|', r)));

        var aclusters = CsvRecords(Path.Combine(folder, APlaneCsvWriter.ClustersFile));
        var aclusterRows = await RowsAsync(db, $"SELECT id, kind, cluster_key, target, hosts, activities FROM aclusters WHERE group_id = {Group} ORDER BY id");
        Assert.Equal(aclusters.Select(c => string.Join('|', c[0], c[1], c[2], c[3], c[5], c[6])), aclusterRows.Select(r => string.Join('|', r)));
    }

    private static async Task<Dictionary<string, long>> CountsAsync(string db)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "host_scores", "clusters", "verdicts", "cflows", "activities", "aclusters" })
        {
            counts[table] = await MariaDbFixture.CountAsync(db, $"SELECT COUNT(*) FROM {table} WHERE group_id = {Group}");
        }

        return counts;
    }

    private static async Task<(long CFlows, bool Analysed)> StatusAsync(string db)
    {
        var status = await CliRunner.RunAsync(["status", "--json", "--db", db]);
        Assert.True(status.Exit == 0, status.Error);
        using var json = JsonDocument.Parse(status.RawOut);
        var group = json.RootElement.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetInt64() == long.Parse(Group, CultureInfo.InvariantCulture));
        return (group.GetProperty("cflows").GetInt64(), group.GetProperty("analysed").GetBoolean());
    }

    private static async Task<List<string[]>> RowsAsync(string db, string sql)
    {
        await using var connection = new MySqlConnection(db);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }

    private static async Task Execute(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The records of an RFC 4180 CSV file after its header (quoted fields may hold commas and newlines).</summary>
    private static List<string[]> CsvRecords(string path)
    {
        var text = File.ReadAllText(path);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return records.Skip(1).ToList();
    }
}
