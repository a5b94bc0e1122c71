using System.Globalization;
using MySqlConnector;

namespace BotCapturer.Storage.MySql.Loading;

/// <summary>
/// <c>LOAD DATA LOCAL INFILE</c> from a stream (MySqlBulkLoader.SourceStream), then the checks DESIGN.md asks for:
/// the rows the server reports must equal the rows sent, and no warning may be left unread. With LOCAL the server
/// turns duplicate keys and bad values into warnings and skipped rows instead of errors, so both checks matter.
/// </summary>
internal static class BulkLoad
{
    public static MySqlBulkLoader Create(MySqlConnection connection, string table, IEnumerable<string> columns, Stream source)
    {
        var loader = new MySqlBulkLoader(connection)
        {
            TableName = table,
            Local = true,
            SourceStream = source,
            CharacterSet = "binary",
            FieldTerminator = "\t",
            LineTerminator = "\n",
            EscapeCharacter = '\\',
            Timeout = 0,
        };
        loader.Columns.AddRange(columns);
        return loader;
    }

    /// <summary>Fails when the server stored another number of rows than was sent, or reported any warning.</summary>
    public static async Task VerifyAsync(MySqlConnection connection, MySqlTransaction? transaction, string table, long sent, long reported, string what, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        await using (var command = new MySqlCommand("SHOW WARNINGS LIMIT 3", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                warnings.Add($"{reader.GetString(0)} {reader.GetInt32(1).ToString(CultureInfo.InvariantCulture)}: {reader.GetString(2)}");
            }
        }

        if (reported != sent || warnings.Count > 0)
        {
            var detail = warnings.Count > 0 ? "; " + string.Join("; ", warnings) : string.Empty;
            throw new BulkLoadException($"{what}: {table}: sent {sent} rows, the server stored {reported}{detail}");
        }
    }
}

/// <summary>A bulk load the server did not take exactly as sent (row count or warnings).</summary>
public sealed class BulkLoadException(string message) : Exception(message);
