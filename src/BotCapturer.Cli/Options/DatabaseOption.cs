using BotCapturer.Storage.MySql;

namespace BotCapturer.Cli.Options;

/// <summary>Where the database is: <c>--db</c>, else the <c>BOTENGINE_DB</c> environment variable (DESIGN.md "Command line").</summary>
internal static class DatabaseOption
{
    public const string HelpText = "MySqlConnector connection string, e.g. \"Server=127.0.0.1;Port=3407;User ID=root;Database=botengine\" (default: $BOTENGINE_DB).";

    /// <summary>The connection, or an input error when neither source gives a usable connection string.</summary>
    public static StoreConnection Resolve(string? db)
    {
        var text = string.IsNullOrWhiteSpace(db) ? Environment.GetEnvironmentVariable(StoreConnection.EnvironmentVariable) : db;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputException($"no database: give --db or set {StoreConnection.EnvironmentVariable} (scripts/mariadb-local.sh starts a local one)");
        }

        try
        {
            return new StoreConnection(text);
        }
        catch (ArgumentException e)
        {
            throw new InputException("--db: " + e.Message);
        }
    }
}
