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
    public static MySqlBulkLoader Create(MySqlConnection connection, string table, IEnumerable<string> columns, Stream source) =>
        Create(connection, table, columns, source, null);

    /// <summary>
    /// A bulk load of rows that all belong to one group and file: <c>group_id</c> and <c>file_id</c> are not in the rows
    /// but set once by the statement (<c>SET group_id = G, file_id = F</c>). The server then parses two fields fewer per
    /// row, which is 4-10 % of its time per flow row (docs/storage.md). The two ids are integers the database assigned,
    /// written with the invariant culture: no text from a user goes into the statement.
    /// </summary>
    public static MySqlBulkLoader Create(MySqlConnection connection, string table, IEnumerable<string> columns, Stream source, long groupId, long fileId) =>
        Create(connection, table, columns, source, [
            "group_id = " + groupId.ToString(CultureInfo.InvariantCulture),
            "file_id = " + fileId.ToString(CultureInfo.InvariantCulture),
        ]);

    private static MySqlBulkLoader Create(MySqlConnection connection, string table, IEnumerable<string> columns, Stream source, IEnumerable<string>? expressions)
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
        loader.Expressions.AddRange(expressions ?? []);
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
