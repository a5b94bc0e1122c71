using System.Text;
using System.Text.Json;
using BotCapturer.Cli;
using BotCapturer.Cli.Commands;
using BotCapturer.Cli.Options;
using BotCapturer.Storage.MySql;

namespace BotCapturer.Tests.Storage;

public sealed class SchemaAndCliTests
{
    [Fact]
    public void Migrations_are_numbered_from_one_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.Migrations.Count), SchemaMigrator.Migrations.Select(m => m.Version));
        Assert.Equal(SchemaMigrator.Migrations.Count, SchemaMigrator.LatestVersion);
    }

    [Fact]
    public void Scripts_split_into_their_create_statements()
    {
        var first = SchemaMigrator.Statements(SchemaMigrator.Migrations[0].Sql).ToList();
        Assert.Equal(4, first.Count);
        Assert.All(first, s => Assert.StartsWith("CREATE TABLE IF NOT EXISTS", s, StringComparison.Ordinal));
        Assert.Equal(5, SchemaMigrator.Statements(SchemaMigrator.Migrations[1].Sql).Count());

        // 003 reshapes 002's never-filled cflows and activities (drop, create) and adds aclusters.
        var third = SchemaMigrator.Statements(SchemaMigrator.Migrations[2].Sql).ToList();
        Assert.Equal(["ALTER TABLE files ADD COLUMN xa_token CHAR(32) CHARACTER SET ascii NULL, ADD UNIQUE KEY uq_files_xa_token (xa_token)"], SchemaMigrator.Statements(SchemaMigrator.Migrations[3].Sql));
        Assert.Equal(["DROP TABLE IF EXISTS cflows", "CREATE TABLE cflows", "DROP TABLE IF EXISTS activities", "CREATE TABLE activities", "CREATE TABLE IF NOT EXISTS aclusters"],
            third.Select(t => t.Split(" (", 2)[0]));
        Assert.DoesNotContain(third, t => t.Contains("host_scores", StringComparison.Ordinal) || t.Contains("verdicts", StringComparison.Ordinal));
    }

    [Fact]
    public void Overwrite_belongs_to_a_stored_run()
    {
        var verb = Assert.IsType<RunVerb>(CliParser.Parse(["run", "--group", "4", "--overwrite"]).Options);
        Assert.True(verb.Overwrite);
        Assert.False(Assert.IsType<RunVerb>(CliParser.Parse(["run", "--group", "4"]).Options).Overwrite);
        var inMemory = CliParser.Parse(["run", "x.pcap", "--overwrite"]);
        Assert.Equal(ExitCodes.BadInput, inMemory.ExitCode);
        Assert.Contains("--overwrite applies to --group N only", inMemory.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_needs_a_group_and_files()
    {
        Assert.Equal(ExitCodes.BadInput, CliParser.Parse(["load", "x.pcap"]).ExitCode);
        Assert.Contains("standard input", CliParser.Parse(["load", "-", "--group", "1"]).Message, StringComparison.Ordinal);
        var parsed = CliParser.Parse(["load", "a.pcap", "b", "--group", "15", "--name", "n", "--note", "t", "--packets", "--delete-after", "--append"]);
        var verb = Assert.IsType<LoadVerb>(parsed.Options);
        Assert.Equal(15, verb.Group);
        Assert.True(verb.Packets && verb.DeleteAfter && verb.Append);
        Assert.Equal(["a.pcap", "b"], verb.Inputs);
    }

    [Fact]
    public void No_database_is_an_input_error()
    {
        var saved = Environment.GetEnvironmentVariable(StoreConnection.EnvironmentVariable);
        Environment.SetEnvironmentVariable(StoreConnection.EnvironmentVariable, null);
        try
        {
            Assert.Throws<InputException>(() => DatabaseOption.Resolve(null));
            Assert.Equal("db1", DatabaseOption.Resolve("Server=h;Database=db1").Database);
            Assert.Equal("botengine", DatabaseOption.Resolve("Server=h").Database);
        }
        finally
        {
            Environment.SetEnvironmentVariable(StoreConnection.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void Status_shows_the_cflow_count_and_when_the_group_was_analysed()
    {
        var analysed = new DateTime(2026, 11, 28, 3, 40, 12, DateTimeKind.Utc);
        var group = new GroupSummary(4, "sample", null, analysed, null, null, 1, 1000, 64000, 90, 90, 0, 123, analysed);
        var lines = StatusCommand.Table([group]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("C-flows", lines[0], StringComparison.Ordinal);
        var cells = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["123", "yes"], cells[^2..]);

        using var output = new MemoryStream();
        StatusCommand.WriteJson([group], output);
        using var json = JsonDocument.Parse(output.ToArray());
        var g = json.RootElement.GetProperty("groups")[0];
        Assert.Equal(123, g.GetProperty("cflows").GetInt64());
        Assert.True(g.GetProperty("analysed").GetBoolean());
        Assert.Equal(analysed, g.GetProperty("analysed_at").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public void Status_table_keeps_one_line_per_group_and_json_keeps_the_exact_text()
    {
        var group = new GroupSummary(15, "a\tb\\c", "line\nnext \u00fc", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            1_262_345_678_123_456_789, null, 2, 1000, 64000, 90, 95, 0, 0, null);
        var table = StatusCommand.Table([group]);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("a\\tb\\\\c", lines[1], StringComparison.Ordinal);
        Assert.Contains("line\\nnext \u00fc", lines[1], StringComparison.Ordinal);
        Assert.Contains("2010-01-01 11:34:38.123456", lines[1], StringComparison.Ordinal);

        using var output = new MemoryStream();
        StatusCommand.WriteJson([group], output);
        using var json = JsonDocument.Parse(output.ToArray());
        var g = json.RootElement.GetProperty("groups")[0];
        Assert.Equal("a\tb\\c", g.GetProperty("name").GetString());
        Assert.Equal("line\nnext \u00fc", g.GetProperty("note").GetString());
        Assert.Equal(90, g.GetProperty("flows").GetInt64());
        Assert.Equal(JsonValueKind.Null, g.GetProperty("last_packet_ns").ValueKind);
        Assert.False(g.GetProperty("analysed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, g.GetProperty("analysed_at").ValueKind);
        Assert.Contains("\u00fc", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
    }
}
