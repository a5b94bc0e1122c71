using System.Data.Common;
using MySqlConnector;

namespace BotCapturer.Storage.MySql;

/// <summary>Opens connections to the botengine database, turning connection failures into one clear message.</summary>
public sealed class StoreConnection
{
    /// <summary>The environment variable that holds the connection string when <c>--db</c> is not given.</summary>
    public const string EnvironmentVariable = "BOTENGINE_DB";

    private readonly string _connectionString;
    private readonly string _unpooledConnectionString;

    /// <summary>Takes a MySqlConnector connection string; the bulk loader needs, and so sets, <c>AllowLoadLocalInfile=true</c>.</summary>
    public StoreConnection(string connectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("not a valid connection string: " + e.Message, nameof(connectionString), e);
        }

        builder.AllowLoadLocalInfile = true;
        builder.AllowUserVariables = false;
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "botengine";
        }

        builder.ConnectionTimeout = builder.ConnectionTimeout == 15 ? 10 : builder.ConnectionTimeout;
        builder.DefaultCommandTimeout = 0; // bulk loads of large files take longer than any fixed timeout
        _connectionString = builder.ConnectionString;
        builder.Pooling = false;
        _unpooledConnectionString = builder.ConnectionString;
        Database = builder.Database;
        Server = $"{builder.Server}:{builder.Port}";
    }

    /// <summary>The database name (default <c>botengine</c>).</summary>
    public string Database { get; }

    /// <summary>host:port, for messages (no credentials).</summary>
    public string Server { get; }

    /// <summary>Opens a connection; an unreachable server or refused login becomes a <see cref="DatabaseUnavailableException"/>.</summary>
    public Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_connectionString, cancellationToken);

    /// <summary>Opens a connection that closes for real when disposed (no pool): an XA branch's session must end
    /// with it, so that the server detaches a prepared branch and releases the load's named lock.</summary>
    public Task<MySqlConnection> OpenUnpooledAsync(CancellationToken cancellationToken) => OpenAsync(_unpooledConnectionString, cancellationToken);

    private async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is MySqlException or DbException or IOException or System.Net.Sockets.SocketException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new DatabaseUnavailableException($"cannot connect to the database at {Server}: {e.Message}", e);
        }
    }
}
