using System.Globalization;
using MySqlConnector;

namespace BotCapturer.Storage.MySql;

/// <summary>
/// Creates or upgrades the schema from the ordered SQL scripts embedded from <c>Schema/NNN_name.sql</c>; each applied
/// script is a row of <c>schema_version</c>. MySQL commits DDL implicitly, so scripts use <c>IF NOT EXISTS</c> (an
/// <c>ALTER TABLE ... ADD</c> whose column or key exists already is passed over) and can be rerun after an
/// interruption; a named lock keeps two concurrent <c>init</c>s apart.
/// </summary>
public static class SchemaMigrator
{
    private const string ResourcePrefix = "BotCapturer.Storage.MySql.Schema.";

    /// <summary>The embedded migrations in order: (version, name, SQL).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies every migration not yet recorded; returns the names of those applied now.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
              version INT NOT NULL PRIMARY KEY,
              name VARCHAR(200) NOT NULL,
              applied DATETIME(6) NOT NULL
            ) ENGINE=InnoDB
            """, cancellationToken);
        await using (var lockCommand = new MySqlCommand("SELECT GET_LOCK('botengine_schema', 60)", connection))
        {
            if (Convert.ToInt64(await lockCommand.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 1)
            {
                throw new DatabaseUnavailableException("another botengine init holds the schema lock; try again");
            }
        }

        try
        {
            var current = await CurrentVersionAsync(connection, cancellationToken);
            var applied = new List<string>();
            foreach (var (version, name, sql) in Migrations.Where(m => m.Version > current))
            {
                foreach (var statement in Statements(sql))
                {
                    try
                    {
                        await ExecuteAsync(connection, statement, cancellationToken);
                    }
                    catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.DuplicateFieldName or MySqlErrorCode.DuplicateKeyName)
                    {
                        // An ALTER TABLE ... ADD that an interrupted init already applied (DDL commits at once; MySQL has no ADD COLUMN IF NOT EXISTS).
                    }
                }

                await using var record = new MySqlCommand("INSERT INTO schema_version (version, name, applied) VALUES (@version, @name, UTC_TIMESTAMP(6))", connection);
                record.Parameters.AddWithValue("@version", version);
                record.Parameters.AddWithValue("@name", name);
                await record.ExecuteNonQueryAsync(cancellationToken);
                applied.Add(name);
            }

            return applied;
        }
        finally
        {
            await ExecuteAsync(connection, "DO RELEASE_LOCK('botengine_schema')", CancellationToken.None);
        }
    }

    /// <summary>The schema version recorded in the database; 0 when there is none.</summary>
    public static async Task<int> CurrentVersionAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'schema_version'", connection);
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        await using var command = new MySqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Fails with a clear message unless the schema is at the version this build needs.</summary>
    public static async Task RequireCurrentAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(connection, cancellationToken);
        if (version < LatestVersion)
        {
            throw new DatabaseUnavailableException(version == 0
                ? $"database '{connection.Database}' has no botengine schema; run 'botengine init' first"
                : $"database '{connection.Database}' has schema version {version}, this botengine needs {LatestVersion}; run 'botengine init' to upgrade");
        }
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Splits a script at semicolons that end a line; the scripts have none inside strings or comments.</summary>
    internal static IEnumerable<string> Statements(string sql)
    {
        var lines = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
        var current = new List<string>();
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.EndsWith(';'))
            {
                current.Add(trimmed[..^1]);
                yield return string.Join('\n', current);
                current.Clear();
            }
            else if (trimmed.Length > 0)
            {
                current.Add(trimmed);
            }
        }

        if (current.Count > 0)
        {
            yield return string.Join('\n', current);
        }
    }

    private static List<(int, string, string)> LoadMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var result = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            result.Add((version, name, reader.ReadToEnd()));
        }

        return result;
    }
}
