using MySqlConnector;

namespace BotCapturer.Storage.MySql.Xa;

/// <summary>The XA statements of one branch, with the xid as parameters (MySqlConnector sends them as literals).</summary>
internal static class XaCommands
{
    public static void AddXid(MySqlCommand command, XaBranchId branch)
    {
        command.Parameters.AddWithValue("@g", branch.Gtrid);
        command.Parameters.AddWithValue("@b", branch.Bqual);
        command.Parameters.AddWithValue("@f", XaBranchId.FormatId);
    }

    /// <summary>Runs <c>XA {verb} xid</c> (START, END, PREPARE, COMMIT, ROLLBACK) on the branch's own connection.</summary>
    public static async Task ExecuteAsync(MySqlConnection connection, string verb, XaBranchId branch, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"XA {verb} @g, @b, @f", connection);
        XaCommands.AddXid(command, branch);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
