using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BotCapturer.Storage.MySql.Xa;
using MySqlConnector;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary>What the XA load tests look at on the server: prepared branches, flow rows, inserts in progress.</summary>
internal static class XaTestSupport
{
    /// <summary>Prepared XA branches of this database (by the xid's database tag).</summary>
    public static async Task<int> PreparedAsync(string db)
    {
        await using var connection = new MySqlConnection(db);
        await connection.OpenAsync();
        var tag = XaBranchId.TagOf(connection.Database);
        await using var command = new MySqlCommand("XA RECOVER", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            var data = reader.GetValue(3) is byte[] bytes ? bytes : Encoding.Latin1.GetBytes(reader.GetString(3));
            if (XaBranchId.TryParse(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), data, out var id) && id.DatabaseTag == tag)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>SHA-256 of a group's flow rows in seq order, every column but the group and file ids.</summary>
    public static async Task<string> FlowDigestAsync(string db, long group)
    {
        await using var connection = new MySqlConnection(db);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"SELECT * FROM flows WHERE group_id = {group} ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        while (await reader.ReadAsync())
        {
            for (var i = 2; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToHexString(bytes),
                    DBNull => "NULL",
                    var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                };
                hash.AppendData(Encoding.UTF8.GetBytes(value + "\t"));
            }

            hash.AppendData("\n"u8);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>
    /// Waits until both LOAD DATA statements of this database's XA load (one per branch) have run for a second: rows are
    /// going in on every branch, mid-file. (Counting rows the open transactions had inserted was racy: the synthetic
    /// captures' flows end in waves at each idle sweep, and a fast machine finished the load between two polls.)
    /// </summary>
    public static async Task WaitForBulkLoadAsync(string db, Process child)
    {
        var database = new MySqlConnectionStringBuilder(db).Database;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(child.HasExited, $"the load finished (exit {(child.HasExited ? child.ExitCode : 0)}) before it could be interrupted");
            var running = await MariaDbFixture.CountAsync(db,
                $"SELECT COUNT(*) FROM information_schema.processlist WHERE db = '{database}' AND info LIKE 'LOAD DATA%' AND time_ms > 1000");
            if (running >= 2)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no bulk load showed up on the server");
    }

    public static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the server did not roll the killed load back");
            await Task.Delay(100);
        }
    }
}
