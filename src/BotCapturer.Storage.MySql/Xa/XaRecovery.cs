using System.Globalization;
using System.Text;
using MySqlConnector;

namespace BotCapturer.Storage.MySql.Xa;

/// <summary>What a recovery pass found and did.</summary>
/// <param name="Unsupported">Why this server cannot take multi-connection loads (null when it can).</param>
/// <param name="Committed">Prepared branches committed (their load's files row had committed).</param>
/// <param name="RolledBack">Prepared branches rolled back.</param>
/// <param name="Live">Prepared branches left alone because their load is still running.</param>
public sealed record XaRecoveryResult(string? Unsupported, int Committed, int RolledBack, int Live);

/// <summary>
/// Resolves the prepared XA branches that multi-connection loads of this database left behind (a client killed or a
/// connection lost between <c>XA PREPARE</c> and <c>XA COMMIT</c>), with <see cref="XaRecoveryPlan"/>. A running
/// load holds the named lock of its token for its whole life (<see cref="LockName"/>); a token whose lock is taken
/// is left alone, and the decision is made only after taking the lock, from a fresh <c>XA RECOVER</c>.
/// </summary>
internal static class XaRecovery
{
    private const int XaUnknownXid = 1397; // ER_XAER_NOTA: committed or rolled back meanwhile

    /// <summary>The server-wide named lock a load attempt holds while any of its branches is open.</summary>
    public static string LockName(string token) => "botengine_xa_" + token;

    /// <summary>Why this server cannot keep prepared XA branches across a disconnect, or null when it can: MariaDB
    /// from 10.5 (MDEV-742), MySQL from 5.7.7.</summary>
    public static string? Unsupported(string serverVersion)
    {
        var mariaDb = serverVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        // MariaDB before 11 announces itself as "5.5.5-10.x.y-MariaDB..." to old clients.
        var text = mariaDb && serverVersion.StartsWith("5.5.5-", StringComparison.Ordinal) ? serverVersion[6..] : serverVersion;
        var numbers = text.Split('-')[0].Split('.').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Concat([0, 0, 0]).ToArray();
        var version = new Version(numbers[0], numbers[1], numbers[2]);
        var needed = mariaDb ? new Version(10, 5, 0) : new Version(5, 7, 7);
        return version >= needed ? null
            : $"server {serverVersion} is older than {(mariaDb ? "MariaDB" : "MySQL")} {needed} and drops prepared XA transactions on disconnect";
    }

    public static async Task<XaRecoveryResult> RecoverAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        if (Unsupported(connection.ServerVersion) is { } reason)
        {
            return new XaRecoveryResult(reason, 0, 0, 0);
        }

        var tag = XaBranchId.TagOf(connection.Database);
        IReadOnlyList<XaBranchId> prepared;
        try
        {
            prepared = await PreparedAsync(connection, tag, cancellationToken);
        }
        catch (MySqlException e) when ((int)e.ErrorCode is 1227 or 1044 or 1045) // ER_SPECIFIC_ACCESS_DENIED_ERROR (XA_RECOVER_ADMIN, MySQL 8), ER_DBACCESS_DENIED_ERROR, ER_ACCESS_DENIED_ERROR
        {
            return new XaRecoveryResult($"XA RECOVER is refused to this account ({e.Message})", 0, 0, 0);
        }

        int committed = 0, rolledBack = 0, live = 0;
        foreach (var token in prepared.Select(b => b.Token).Distinct(StringComparer.Ordinal))
        {
            if (!await TryLockAsync(connection, token, cancellationToken))
            {
                live += prepared.Count(b => b.Token == token);
                continue;
            }

            try
            {
                var now = (await PreparedAsync(connection, tag, cancellationToken)).Where(b => b.Token == token).ToList();
                var hasRow = await HasFilesRowAsync(connection, token, cancellationToken);
                foreach (var (branch, action) in XaRecoveryPlan.Decide(now, _ => hasRow))
                {
                    if (await ResolveAsync(connection, branch, action, cancellationToken))
                    {
                        _ = action == XaResolution.Commit ? committed++ : rolledBack++;
                    }
                }
            }
            finally
            {
                await using var release = new MySqlCommand("DO RELEASE_LOCK(@name)", connection);
                release.Parameters.AddWithValue("@name", LockName(token));
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        return new XaRecoveryResult(null, committed, rolledBack, live);
    }

    /// <summary>Takes the named lock of a token without waiting; false when a running load holds it.</summary>
    public static async Task<bool> TryLockAsync(MySqlConnection connection, string token, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT GET_LOCK(@name, 0)", connection);
        command.Parameters.AddWithValue("@name", LockName(token));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>Whether the files row of a token committed: the decision record of that load.</summary>
    public static async Task<bool> HasFilesRowAsync(MySqlConnection connection, string token, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM files WHERE xa_token = @token", connection);
        command.Parameters.AddWithValue("@token", token);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>XA COMMIT or XA ROLLBACK of a prepared branch from any connection; false when the server no longer knows it.</summary>
    public static async Task<bool> ResolveAsync(MySqlConnection connection, XaBranchId branch, XaResolution action, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(action == XaResolution.Commit ? "XA COMMIT @g, @b, @f" : "XA ROLLBACK @g, @b, @f", connection);
        XaCommands.AddXid(command, branch);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (MySqlException e) when ((int)e.ErrorCode == XaUnknownXid)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<XaBranchId>> PreparedAsync(MySqlConnection connection, string tag, CancellationToken cancellationToken)
    {
        var result = new List<XaBranchId>();
        await using var command = new MySqlCommand("XA RECOVER", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var data = reader.GetValue(3) switch
            {
                byte[] bytes => bytes,
                string text => Encoding.Latin1.GetBytes(text),
                _ => [],
            };
            if (XaBranchId.TryParse(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), data, out var id) && id.DatabaseTag == tag)
            {
                result.Add(id);
            }
        }

        return result;
    }
}
