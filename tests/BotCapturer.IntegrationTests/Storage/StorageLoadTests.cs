using System.Text.Json;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Storage.MySql;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary><c>botengine init/load/status</c> against a real MariaDB: counts, idempotence, read-back, names.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class StorageLoadTests(MariaDbFixture server)
{
    [SkippableFact]
    public async Task Init_creates_the_schema_and_a_second_init_is_harmless()
    {
        var db = await server.CreateDatabaseAsync();
        var first = await CliRunner.RunAsync(["init", "--db", db]);
        var second = await CliRunner.RunAsync(["init", "--db", db]);
        Assert.Equal(0, first.Exit);
        Assert.Contains("upgraded to version", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        Assert.Contains("schema is current", second.Out, StringComparison.Ordinal);
        Assert.Equal(SchemaMigrator.Migrations.Count, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM schema_version"));
        foreach (var table in new[] { "groups", "files", "flows", "packets", "cflows", "host_scores", "clusters", "activities", "verdicts", "aclusters" })
        {
            Assert.Equal(1, await MariaDbFixture.CountAsync(db, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '{table}'"));
        }
    }

    [SkippableFact]
    public async Task Load_of_real_captures_matches_in_memory_flows_and_a_second_load_adds_nothing()
    {
        var captures = StorageTestData.Captures();
        var db = await InitAsync();
        var (packets, flows) = await StorageTestData.InMemoryCountsAsync(captures);

        var load = await CliRunner.RunAsync(["load", .. captures, "--group", "7", "--name", "real", "--db", db]);
        Assert.True(load.Exit == 0, load.Error);
        var group = Assert.Single(await StatusAsync(db));
        Assert.Equal(packets, group.GetProperty("packets").GetInt64());
        Assert.Equal(flows, group.GetProperty("flows").GetInt64());
        var rows = await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows");
        Assert.Equal(group.GetProperty("flow_rows").GetInt64(), rows);

        var again = await CliRunner.RunAsync(["load", .. captures, "--group", "7", "--name", "real", "--db", db]);
        Assert.True(again.Exit == 0, again.Error);
        Assert.Contains("already loaded in group 7", again.Error, StringComparison.Ordinal);
        Assert.Contains("0 files loaded", again.Error, StringComparison.Ordinal);
        Assert.Equal(rows, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows"));
        Assert.Equal(packets, Assert.Single(await StatusAsync(db)).GetProperty("packets").GetInt64());
    }

    [SkippableFact]
    public async Task Load_with_packets_stores_every_decoded_packet_in_the_same_transaction_as_the_flows()
    {
        var capture = Path.Combine(SharedData.RequireShared(), "captures", "corelight-rat");
        var db = await InitAsync();
        var load = await CliRunner.RunAsync(["load", capture, "--group", "1", "--packets", "--db", db]);
        Assert.True(load.Exit == 0, load.Error);
        var decoded = await MariaDbFixture.CountAsync(db, "SELECT SUM(decoded) FROM files");
        Assert.True(decoded > 0);
        Assert.Equal(decoded, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM packets"));
        Assert.Equal(decoded, Assert.Single(await StatusAsync(db)).GetProperty("packet_rows").GetInt64());
        // every packet row belongs to a committed file row
        Assert.Equal(0, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM packets p LEFT JOIN files f ON f.id = p.file_id WHERE f.id IS NULL"));
    }

    [SkippableFact]
    public async Task A_stored_group_reads_back_as_the_flows_the_in_memory_pipeline_builds()
    {
        var captures = StorageTestData.Captures();
        var db = await InitAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["load", .. captures, "--group", "3", "--db", db])).Exit);

        var files = captures.SelectMany(c => Directory.Exists(c) ? Directory.EnumerateFiles(c).Where(f => f.EndsWith("pcap", StringComparison.Ordinal) || f.EndsWith("pcapng", StringComparison.Ordinal)) : [c]).ToList();
        var collector = new CollectingSink();
        await new FlowPipeline(new PipelineOptions()).RunAsync(files, [collector], CancellationToken.None);

        var store = new FlowStore(new StoreConnection(db));
        var stored = new List<Flow>();
        await foreach (var flow in store.ReadFlowsAsync(3, FlowOptions.Default, joinPartials: true, CancellationToken.None))
        {
            stored.Add(flow);
        }

        Assert.Equal(collector.Flows.Count, stored.Count);
        Assert.Equal(collector.Flows.Select(Describe).Order(StringComparer.Ordinal), stored.Select(Describe).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Names_and_notes_with_quotes_backslashes_tabs_newlines_and_non_ascii_survive_exactly()
    {
        var capture = Path.Combine(SharedData.RequireShared(), "captures", "chrissanders-packets", "ppa1e_blaster.pcap");
        var db = await InitAsync();
        const string name = "it's \"quoted\" \\ back\\slash\ttab; DROP TABLE flows; --";
        const string note = "line one\nline two\r\n\u00fcber \u6f22\u5b57 \U0001F600 \\N \0 end";
        var load = await CliRunner.RunAsync(["load", capture, "--group", "42", "--name", name, "--note", note, "--db", db]);
        Assert.True(load.Exit == 0, load.Error);
        var group = Assert.Single(await StatusAsync(db));
        Assert.Equal(name, group.GetProperty("name").GetString());
        Assert.Equal(note, group.GetProperty("note").GetString());
        Assert.True(await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM flows WHERE group_id = 42") > 0);
        var table = await CliRunner.RunAsync(["status", "--db", db]);
        Assert.Equal(0, table.Exit);
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the header and one line for the group: control characters show as escapes
        Assert.Contains("back\\\\slash\\ttab", lines[1], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_group_that_exists_with_another_name_is_refused_unless_append()
    {
        var capture = Path.Combine(SharedData.RequireShared(), "captures", "chrissanders-packets");
        var db = await InitAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["load", Path.Combine(capture, "ppa1e_blaster.pcap"), "--group", "5", "--name", "first", "--db", db])).Exit);
        var refused = await CliRunner.RunAsync(["load", Path.Combine(capture, "synscan.pcapng"), "--group", "5", "--name", "second", "--db", db]);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("exists with the name 'first'", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));

        var appended = await CliRunner.RunAsync(["load", Path.Combine(capture, "synscan.pcapng"), "--group", "5", "--name", "second", "--append", "--db", db]);
        Assert.True(appended.Exit == 0, appended.Error);
        Assert.Equal(2, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM files"));
        Assert.Equal("first", await MariaDbFixture.ScalarAsync(db, "SELECT name FROM `groups` WHERE id = 5"));
    }

    [SkippableFact]
    public async Task Delete_after_removes_a_capture_only_once_it_is_committed()
    {
        var db = await InitAsync();
        var dir = Directory.CreateTempSubdirectory("botengine-delete-after-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.pcap");
            SyntheticCapture.Write(good, 2000, 100, seed: 1);
            var load = await CliRunner.RunAsync(["load", good, "--group", "1", "--delete-after", "--db", db]);
            Assert.True(load.Exit == 0, load.Error);
            Assert.False(File.Exists(good));
            Assert.Equal(2000, await MariaDbFixture.CountAsync(db, "SELECT SUM(packets) FROM files"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private async Task<string> InitAsync()
    {
        var db = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["init", "--db", db])).Exit);
        return db;
    }

    internal static async Task<JsonElement[]> StatusAsync(string db)
    {
        var status = await CliRunner.RunAsync(["status", "--json", "--db", db]);
        Assert.True(status.Exit == 0, status.Error);
        using var json = JsonDocument.Parse(status.RawOut);
        return [.. json.RootElement.GetProperty("groups").EnumerateArray().Select(e => e.Clone())];
    }

    private static string Describe(Flow f) =>
        $"{f.Protocol} {f.Source}:{f.SourcePort}>{f.Destination}:{f.DestinationPort} {f.StartNs}-{f.EndNs} {f.SourcePackets}/{f.SourceBytes}/{f.SourcePayloadBytes}/{f.SourceIpBytes} " +
        $"{f.DestinationPackets}/{f.DestinationBytes}/{f.DestinationPayloadBytes}/{f.DestinationIpBytes} {f.SourceFlags}/{f.DestinationFlags} {f.State} {f.End} " +
        $"{Convert.ToHexString(f.SourcePayloadPrefix)} {Convert.ToHexString(f.DestinationPayloadPrefix)}";

    private sealed class CollectingSink : IFlowSink
    {
        public List<Flow> Flows { get; } = [];

        public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
        {
            Flows.AddRange(batch);
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
