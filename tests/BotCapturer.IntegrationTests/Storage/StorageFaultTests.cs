using System.Diagnostics;
using MySqlConnector;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary>
/// Faults during storage: no database, refused bulk loads, a connection cut mid-file, the client killed mid-file.
/// The rule under test (DESIGN.md "Storage"): a file is stored whole or not at all, and rerunning the same command
/// completes the group without duplicates.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class StorageFaultTests(MariaDbFixture server) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("botengine-storage-faults-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task An_unreachable_database_is_one_line_and_exit_2()
    {
        var capture = SmallCapture();
        var outcome = await CliRunner.RunAsync(["load", capture, "--group", "1", "--db", "Server=127.0.0.1;Port=1;User ID=root;Database=botengine;ConnectionTimeout=3"]);
        Assert.Equal(2, outcome.Exit);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("botengine: error: cannot connect to the database", line, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Wrong_credentials_are_one_line_and_exit_2_and_leave_no_group()
    {
        var db = await InitAsync();
        var outcome = await CliRunner.RunAsync(["load", SmallCapture(), "--group", "1", "--db", db.Replace("User ID=root", "User ID=nobody;Password=wrong", StringComparison.Ordinal)]);
        Assert.Equal(2, outcome.Exit);
        Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("cannot connect to the database", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM `groups`"));
    }

    [SkippableFact]
    public async Task Local_infile_off_on_the_server_is_reported_clearly()
    {
        var db = await InitAsync();
        await MariaDbFixture.ScalarAsync(server.RootConnectionString, "SET GLOBAL local_infile = 0");
        try
        {
            var outcome = await CliRunner.RunAsync(["load", SmallCapture(), "--group", "1", "--db", db]);
            Assert.Equal(2, outcome.Exit);
            Assert.Contains("local_infile=OFF", outcome.Error, StringComparison.Ordinal);
            Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM `groups`"));
        }
        finally
        {
            await MariaDbFixture.ScalarAsync(server.RootConnectionString, "SET GLOBAL local_infile = 1");
        }
    }

    [SkippableFact]
    public async Task A_row_the_server_drops_fails_the_file_and_leaves_none_of_its_rows()
    {
        var db = await InitAsync();
        // A row already in the file's key range: LOAD DATA LOCAL turns the duplicate key into a warning and skips
        // the row, so the server reports one row fewer than was sent.
        await MariaDbFixture.ScalarAsync(db, "ALTER TABLE files AUTO_INCREMENT = 1000");
        await MariaDbFixture.ScalarAsync(db, "INSERT INTO `groups` (id, name, created) VALUES (1, '', UTC_TIMESTAMP(6))");
        await MariaDbFixture.ScalarAsync(db, """
            INSERT INTO flows (group_id, file_id, seq, start_ns, end_ns, proto, src, sport, dst, dport, src_packets, src_bytes, dst_packets, dst_bytes,
              state, src_payload_bytes, dst_payload_bytes, src_ip_bytes, dst_ip_bytes, src_flags, dst_flags, src_syn, dst_synack, end_reason,
              continues_earlier, continues_later) VALUES (1, 1000, 5, 0, 0, 17, X'00', 0, X'00', 0, 0, 0, 0, 0, 'S0', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            """);
        var outcome = await CliRunner.RunAsync(["load", SmallCapture(), "--group", "1", "--db", db]);
        Assert.Equal(2, outcome.Exit);
        Assert.Contains("the server stored", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("Duplicate entry", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));
    }

    [SkippableFact]
    public async Task A_connection_cut_mid_file_leaves_no_rows_and_the_rerun_completes_the_group()
    {
        var db = await InitAsync();
        var capture = LargeCapture("cut.pcap", seed: 7);
        var args = new[] { "load", capture, "--group", "9", "--packets", "--db", db };
        var load = CliRunner.RunAsync(args);
        var connection = await WaitForBulkLoadAsync(db, load);
        await MariaDbFixture.ScalarAsync(server.RootConnectionString, $"KILL CONNECTION {connection}");
        var cut = await load;
        Assert.Equal(2, cut.Exit);
        Assert.Contains("botengine: error:", cut.Error, StringComparison.Ordinal);
        await AssertNothingStoredAsync(db);

        var rerun = await CliRunner.RunAsync(args);
        Assert.True(rerun.Exit == 0, rerun.Error);
        await AssertCompleteAsync(db, capture);
    }

    [SkippableFact]
    public async Task A_client_killed_mid_file_leaves_no_rows_and_the_rerun_completes_the_group()
    {
        var db = await InitAsync();
        var capture = LargeCapture("kill.pcap", seed: 9);
        string[] args = ["load", capture, "--group", "4", "--packets", "--db", db];
        using (var child = CliRunner.Start(args))
        {
            await WaitForBulkLoadAsync(db, child.WaitForExitAsync());
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        await AssertNothingStoredAsync(db);
        var rerun = await CliRunner.RunAsync(args);
        Assert.True(rerun.Exit == 0, rerun.Error);
        await AssertCompleteAsync(db, capture);
    }

    [SkippableFact]
    public async Task A_server_killed_mid_file_leaves_no_rows_after_its_recovery_and_the_rerun_completes_the_group()
    {
        var db = await InitAsync();
        var capture = LargeCapture("crash.pcap", seed: 13);
        string[] args = ["load", capture, "--group", "8", "--packets", "--db", db];
        var load = CliRunner.RunAsync(args);
        await WaitForBulkLoadAsync(db, load);
        CliRunner.Outcome? crashed = null;
        await server.KillAndRestartAsync(async () => crashed = await load);
        Assert.Equal(2, crashed!.Exit);
        Assert.Contains("botengine: error:", crashed.Error, StringComparison.Ordinal);
        await AssertNothingStoredAsync(db);

        var rerun = await CliRunner.RunAsync(args);
        Assert.True(rerun.Exit == 0, rerun.Error);
        await AssertCompleteAsync(db, capture);
    }

    [SkippableFact]
    public async Task Ctrl_c_mid_file_rolls_back_exits_non_zero_and_leaves_nothing_half_written()
    {
        var db = await InitAsync();
        var capture = LargeCapture("interrupt.pcap", seed: 11);
        using var child = CliRunner.Start(["load", capture, "--group", "6", "--name", "interrupted", "--packets", "--db", db]);
        var stderr = child.StandardError.ReadToEndAsync();
        await WaitForBulkLoadAsync(db, child.WaitForExitAsync());
        using (var signal = Process.Start("kill", ["-INT", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await child.WaitForExitAsync(timeout.Token);
        Assert.Equal(130, child.ExitCode);
        Assert.Contains("botengine: error: interrupted", await stderr, StringComparison.Ordinal);
        await AssertNothingStoredAsync(db);
        // the group this run created holds nothing, so it was removed again
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM `groups`"));
    }

    private async Task<string> InitAsync()
    {
        var db = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["init", "--db", db])).Exit);
        return db;
    }

    private string SmallCapture()
    {
        var path = Path.Combine(_dir.FullName, "small.pcap");
        SyntheticCapture.Write(path, 500, 50, seed: 3);
        return path;
    }

    /// <summary>Large enough that its bulk load runs for seconds: 1.5M packets in 300k flows.</summary>
    private string LargeCapture(string name, int seed)
    {
        var path = Path.Combine(_dir.FullName, name);
        SyntheticCapture.Write(path, 1_500_000, 300_000, seed);
        return path;
    }

    /// <summary>Waits until a LOAD DATA of this database has run for a second (rows are going in), and returns its connection id.</summary>
    private static async Task<long> WaitForBulkLoadAsync(string db, Task client)
    {
        var database = new MySqlConnectionStringBuilder(db).Database;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(client.IsCompleted, "the load finished before it could be interrupted");
            var id = await MariaDbFixture.ScalarAsync(db,
                $"SELECT id FROM information_schema.processlist WHERE db = '{database}' AND info LIKE 'LOAD DATA%' AND time_ms > 1000 LIMIT 1");
            if (id is not null and not DBNull)
            {
                return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no bulk load showed up on the server");
    }

    private static async Task AssertNothingStoredAsync(string db)
    {
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM packets"));
    }

    private static async Task AssertCompleteAsync(string db, string capture)
    {
        var (packets, flows) = await StorageTestData.InMemoryCountsAsync(capture);
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal(packets, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM packets"));
        Assert.Equal(flows, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));
        var group = Assert.Single(await StorageLoadTests.StatusAsync(db));
        Assert.Equal(packets, group.GetProperty("packets").GetInt64());
        Assert.Equal(flows, group.GetProperty("flows").GetInt64());
    }
}
