using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary>
/// A throwaway MariaDB for the storage tests, started once per test run with scripts/mariadb-local.sh (its own data
/// folder and a free port) and stopped at the end. Every test gets a database of its own from <see cref="CreateDatabaseAsync"/>.
/// Tests skip, saying why, when mariadb-server is not installed; a server that is installed but does not start fails them.
/// </summary>
public sealed class MariaDbFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "botengine-it-" + Guid.NewGuid().ToString("N")[..8]);
    private string? _skipReason;
    private string? _startError;

    public int Port { get; private set; }

    public string Script => Path.Combine(SharedData.RepoRoot, "scripts", "mariadb-local.sh");

    public string PidFile => Path.Combine(_dir, "mariadb.pid");

    public string RootConnectionString => $"Server=127.0.0.1;Port={Port};User ID=root;Database=mysql;AllowLoadLocalInfile=true";

    public async Task InitializeAsync()
    {
        if (!new[] { "/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd", "/usr/local/bin/mariadbd" }.Any(File.Exists))
        {
            _skipReason = "mariadb-server is not installed (apt-get install mariadb-server); the storage tests start their own server";
            return;
        }

        Port = FreePort();
        var (exit, output) = await RunScriptAsync("start");
        if (exit != 0)
        {
            _startError = $"scripts/mariadb-local.sh start failed ({exit}): {output}";
        }
    }

    public async Task DisposeAsync()
    {
        if (_skipReason is null)
        {
            await RunScriptAsync("stop");
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Kills the server process outright (SIGKILL: no shutdown, as a crash) and starts it again on the same data.</summary>
    public async Task KillAndRestartAsync(Func<Task> whileDown)
    {
        var pid = int.Parse(await File.ReadAllTextAsync(PidFile), System.Globalization.CultureInfo.InvariantCulture);
        using (var server = Process.GetProcessById(pid))
        {
            server.Kill();
            await server.WaitForExitAsync();
        }

        await whileDown();
        var (exit, output) = await RunScriptAsync("start");
        if (exit != 0)
        {
            throw new InvalidOperationException($"the server did not restart after the kill: {output}");
        }
    }

    /// <summary>Skips when there is no server to start; fails when it would not start.</summary>
    public void Require()
    {
        Skip.If(_skipReason is not null, _skipReason);
        if (_startError is not null)
        {
            throw new InvalidOperationException(_startError);
        }
    }

    /// <summary>A fresh, empty database on the server; returns its connection string (what --db takes).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        Require();
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new MySqlConnection(RootConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
        await command.ExecuteNonQueryAsync();
        return $"Server=127.0.0.1;Port={Port};User ID=root;Database={name}";
    }

    /// <summary>Runs one query on the given database and returns the first column of the first row.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static async Task<long> CountAsync(string connectionString, string sql) =>
        Convert.ToInt64(await ScalarAsync(connectionString, sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(int Exit, string Output)> RunScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Script, verb]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["BOTENGINE_MARIADB_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["BOTENGINE_MARIADB_DIR"] = _dir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
