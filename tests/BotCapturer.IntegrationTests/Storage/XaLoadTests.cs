using System.Diagnostics;
using System.Globalization;
using BotCapturer.Storage.MySql;
using BotCapturer.Storage.MySql.Xa;
using MySqlConnector;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary>
/// One file loaded through several connections as one XA transaction (docs/storage.md "One file, several
/// connections"): the rows equal a one-connection load's, a killed client leaves nothing (no rows, no prepared
/// branch), and a crash on either side of branch 0's commit is settled by the next <c>load</c> or <c>init</c>.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class XaLoadTests(MariaDbFixture server) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("botengine-storage-xa-");

    public void Dispose() => _dir.Delete(recursive: true);

    [SkippableFact]
    public async Task Three_connections_store_the_same_rows_as_one()
    {
        var db = await InitAsync();
        var capture = Capture("same.pcap", 300_000, 40_000, seed: 21);
        var one = await CliRunner.RunAsync(["load", capture, "--group", "1", "--connections-per-file", "1", "--db", db]);
        Assert.True(one.Exit == 0, one.Error);
        var three = await CliRunner.RunAsync(["load", capture, "--group", "2", "--connections-per-file", "3", "--db", db]);
        Assert.True(three.Exit == 0, three.Error);

        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files WHERE group_id = 1 AND xa_token IS NOT NULL"));
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files WHERE group_id = 2 AND xa_token IS NOT NULL"));
        var (_, flows) = await StorageTestData.InMemoryCountsAsync(capture);
        Assert.Equal(flows, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows WHERE group_id = 1"));
        Assert.Equal(flows, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows WHERE group_id = 2"));
        Assert.Equal(flows, await MariaDbFixture.CountAsync(db, "SELECT flows FROM files WHERE group_id = 2"));
        Assert.Equal(await XaTestSupport.FlowDigestAsync(db, 1), await XaTestSupport.FlowDigestAsync(db, 2));
        Assert.Equal(
            await MariaDbFixture.ScalarAsync(db, "SELECT CONCAT_WS(',', packets, decoded, bytes, flows, first_packet_ns, last_packet_ns, status) FROM files WHERE group_id = 1"),
            await MariaDbFixture.ScalarAsync(db, "SELECT CONCAT_WS(',', packets, decoded, bytes, flows, first_packet_ns, last_packet_ns, status) FROM files WHERE group_id = 2"));
        Assert.Equal(0, await XaTestSupport.PreparedAsync(db));
    }

    [SkippableFact]
    public async Task A_client_killed_mid_load_leaves_no_rows_and_no_prepared_branch()
    {
        var db = await InitAsync();
        // Each packet of a flow comes 15 s after the last, past --udp-timeout 5: flows end (and stream) all along the read.
        var capture = Capture("kill.pcap", 3_000_000, 900_000, seed: 23);
        string[] args = ["load", capture, "--group", "3", "--connections-per-file", "2", "--udp-timeout", "5", "--db", db];
        using (var child = CliRunner.Start(args))
        {
            await XaTestSupport.WaitForBulkLoadAsync(db, child);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        // The server notices the closed connections and rolls the unprepared branches back.
        await XaTestSupport.WaitAsync(async () => await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows") == 0);
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(0, await XaTestSupport.PreparedAsync(db));

        var rerun = await CliRunner.RunAsync(args);
        Assert.True(rerun.Exit == 0, rerun.Error);
        var stored = await MariaDbFixture.CountAsync(db, "SELECT flows FROM files");
        Assert.True(stored > 300_000, $"{stored} flow rows");
        Assert.Equal(stored, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));
        Assert.Equal(stored, await MariaDbFixture.CountAsync(db, "SELECT COUNT(DISTINCT seq) FROM flows"));
    }

    [SkippableFact]
    public async Task A_branch_connection_cut_mid_load_fails_the_file_and_leaves_nothing()
    {
        var db = await InitAsync();
        var capture = Capture("cut.pcap", 3_000_000, 900_000, seed: 33);
        string[] args = ["load", capture, "--group", "4", "--connections-per-file", "2", "--udp-timeout", "5", "--db", db];
        var database = new MySqlConnectionStringBuilder(db).Database;
        using var child = CliRunner.Start(args);
        var stderr = child.StandardError.ReadToEndAsync();
        await XaTestSupport.WaitForBulkLoadAsync(db, child);
        // The second LOAD DATA of the file (branch 1; branch 0's connection also inserted the files row).
        var connection = await MariaDbFixture.ScalarAsync(db,
            $"SELECT MAX(id) FROM information_schema.processlist WHERE db = '{database}' AND info LIKE 'LOAD DATA%'");
        await MariaDbFixture.ScalarAsync(server.RootConnectionString, $"KILL CONNECTION {Convert.ToInt64(connection, CultureInfo.InvariantCulture)}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await child.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, child.ExitCode);
        Assert.Contains("botengine: error:", await stderr, StringComparison.Ordinal);
        await XaTestSupport.WaitAsync(async () => await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows") == 0);
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(0, await XaTestSupport.PreparedAsync(db));
    }

    [SkippableFact]
    public async Task Ctrl_c_mid_load_rolls_every_branch_back()
    {
        var db = await InitAsync();
        var capture = Capture("interrupt.pcap", 3_000_000, 900_000, seed: 35);
        using var child = CliRunner.Start(["load", capture, "--group", "5", "--name", "interrupted", "--connections-per-file", "2", "--udp-timeout", "5", "--db", db]);
        var stderr = child.StandardError.ReadToEndAsync();
        await XaTestSupport.WaitForBulkLoadAsync(db, child);
        using (var signal = Process.Start("kill", ["-INT", child.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await child.WaitForExitAsync(timeout.Token);
        Assert.Equal(130, child.ExitCode);
        Assert.Contains("botengine: error: interrupted", await stderr, StringComparison.Ordinal);
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM `groups`"));
        Assert.Equal(0, await XaTestSupport.PreparedAsync(db));
    }

    [SkippableFact]
    public async Task A_crash_after_branch_0_commits_leaves_prepared_branches_that_the_next_load_commits()
    {
        var db = await InitAsync();
        var capture = Capture("after-commit.pcap", 200_000, 30_000, seed: 25);
        string[] args = ["load", capture, "--group", "5", "--connections-per-file", "3", "--db", db];
        await CrashAsync(args, "after-first-commit");

        // The decision (files row) is visible; branches 1 and 2 are prepared, their rows not yet visible.
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(2, await XaTestSupport.PreparedAsync(db));
        var (packets, flows) = await StorageTestData.InMemoryCountsAsync(capture);
        Assert.True(await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows") < flows);

        var rerun = await CliRunner.RunAsync(args);
        Assert.True(rerun.Exit == 0, rerun.Error);
        Assert.Contains("2 prepared XA branches committed, 0 rolled back", rerun.Error, StringComparison.Ordinal);
        Assert.Contains("already loaded in group 5", rerun.Error, StringComparison.Ordinal);
        await AssertCompleteAsync(db, packets, flows);
    }

    [SkippableFact]
    public async Task A_crash_after_every_prepare_but_before_branch_0_commits_is_rolled_back_and_reloaded()
    {
        var db = await InitAsync();
        var capture = Capture("after-prepare.pcap", 200_000, 30_000, seed: 27);
        string[] args = ["load", capture, "--group", "6", "--connections-per-file", "3", "--db", db];
        await CrashAsync(args, "after-prepare");

        Assert.Equal(3, await XaTestSupport.PreparedAsync(db));
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));

        var rerun = await CliRunner.RunAsync(args);
        Assert.True(rerun.Exit == 0, rerun.Error);
        Assert.Contains("0 prepared XA branches committed, 3 rolled back", rerun.Error, StringComparison.Ordinal);
        Assert.Contains("1 files loaded", rerun.Error, StringComparison.Ordinal);
        var (packets, flows) = await StorageTestData.InMemoryCountsAsync(capture);
        await AssertCompleteAsync(db, packets, flows);
    }

    [SkippableFact]
    public async Task Init_settles_prepared_branches_before_it_alters_tables()
    {
        var db = await InitAsync();
        var capture = Capture("init.pcap", 100_000, 20_000, seed: 29);
        await CrashAsync(["load", capture, "--group", "7", "--connections-per-file", "2", "--db", db], "after-prepare");
        Assert.Equal(2, await XaTestSupport.PreparedAsync(db));

        var init = await CliRunner.RunAsync(["init", "--db", db]);
        Assert.True(init.Exit == 0, init.Error);
        Assert.Contains("2 rolled back", init.Error, StringComparison.Ordinal);
        Assert.Equal(0, await XaTestSupport.PreparedAsync(db));
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));
    }

    [SkippableFact]
    public async Task Init_upgrades_a_version_3_database_also_after_an_interrupted_alter()
    {
        var db = await server.CreateDatabaseAsync();
        await using (var connection = new MySqlConnection(db))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied DATETIME(6) NOT NULL) ENGINE=InnoDB");
            foreach (var (version, name, sql) in SchemaMigrator.Migrations.Where(m => m.Version <= 3))
            {
                foreach (var statement in SchemaMigrator.Statements(sql))
                {
                    await ExecuteAsync(connection, statement);
                }

                await ExecuteAsync(connection, $"INSERT INTO schema_version VALUES ({version}, '{name}', UTC_TIMESTAMP(6))");
            }

            await ExecuteAsync(connection, "INSERT INTO `groups` (id, name, created) VALUES (3, 'old', UTC_TIMESTAMP(6))");
            await ExecuteAsync(connection, "INSERT INTO files (group_id, path, size, sha256, status, loaded) VALUES (3, '/old.pcap', 1, REPEAT('a', 32), 'loaded', UTC_TIMESTAMP(6))");
        }

        var load = await CliRunner.RunAsync(["load", Capture("v3.pcap", 1000, 100, seed: 31), "--group", "3", "--db", db]);
        Assert.Equal(2, load.Exit);
        Assert.Contains($"schema version 3, this botengine needs {SchemaMigrator.LatestVersion}", load.Error, StringComparison.Ordinal);

        // An init cut short after 004's ALTER TABLE committed (DDL commits at once) but before it was recorded.
        await using (var connection = new MySqlConnection(db))
        {
            await connection.OpenAsync();
            foreach (var statement in SchemaMigrator.Statements(SchemaMigrator.Migrations[3].Sql))
            {
                await ExecuteAsync(connection, statement);
            }
        }

        var init = await CliRunner.RunAsync(["init", "--db", db]);
        Assert.True(init.Exit == 0, init.Error);
        Assert.Contains("applied 004_files_xa_token", init.Out, StringComparison.Ordinal);
        Assert.Equal(SchemaMigrator.LatestVersion, await MariaDbFixture.CountAsync(db, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files WHERE path = '/old.pcap' AND xa_token IS NULL"));
    }

    private async Task<string> InitAsync()
    {
        var db = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["init", "--db", db])).Exit);
        return db;
    }

    private string Capture(string name, int packets, int flows, int seed)
    {
        var path = Path.Combine(_dir.FullName, name);
        SyntheticCapture.Write(path, packets, flows, seed);
        return path;
    }

    /// <summary>Runs botengine as a child that kills itself at <paramref name="point"/> of the XA protocol.</summary>
    private static async Task CrashAsync(string[] args, string point)
    {
        using var child = CliRunner.Start(args, new Dictionary<string, string> { [XaFileLoad.CrashVariable] = point });
        var stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await child.WaitForExitAsync(timeout.Token);
        Assert.True(child.ExitCode != 0, "the crash hook did not fire: " + await stderr);
    }

    private static async Task AssertCompleteAsync(string db, long packets, long flows)
    {
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(flows, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));
        Assert.Equal(flows, await MariaDbFixture.CountAsync(db, "SELECT COUNT(DISTINCT seq) FROM flows"));
        Assert.Equal(flows - 1, await MariaDbFixture.CountAsync(db, "SELECT MAX(seq) FROM flows"));
        Assert.Equal(0, await XaTestSupport.PreparedAsync(db));
        var group = Assert.Single(await StorageLoadTests.StatusAsync(db));
        Assert.Equal(packets, group.GetProperty("packets").GetInt64());
        Assert.Equal(flows, group.GetProperty("flows").GetInt64());
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
