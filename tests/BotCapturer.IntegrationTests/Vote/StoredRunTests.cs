using BotCapturer.Engine.Analysis.Vote;
using BotCapturer.IntegrationTests.Storage;
using Xunit.Abstractions;

namespace BotCapturer.IntegrationTests.Vote;

/// <summary>Issue #8: <c>run --group N</c> after <c>load --group N</c> of the same captures gives the same groups as the in-memory run.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class StoredRunTests(MariaDbFixture server, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Stored_group_gives_the_same_groups_and_saves_its_results()
    {
        var sample = Path.Combine(SharedData.RepoRoot, "data", "sample.pcap");
        var db = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["init", "--db", db])).Exit);

        // The A-plane reads 1 KiB payload prefixes; load stores what --payload-bytes says (64 by default).
        var load = await CliRunner.RunAsync(["load", sample, "--group", "4", "--payload-bytes", "1024", "--db", db]);
        Assert.True(load.Exit == 0, load.Error);

        var stored = Directory.CreateTempSubdirectory("botcapturer-vote-db-").FullName;
        try
        {
            var run = await CliRunner.RunAsync(["run", "--group", "4", "--db", db, "--out", stored, "-q"]);
            Assert.True(run.Exit == 0, run.Error);
            output.WriteLine(run.Out);
            using var memory = await RunOutput.RunAsync(sample);

            var (hosts, suspicious, groups) = RunResultReader.Read(stored);
            Assert.Equal(2, groups.Count);
            Assert.Equal(memory.Groups.Select(g => (g.Id, string.Join(' ', g.Hosts), string.Join(' ', g.Cnc))), groups.Select(g => (g.Id, string.Join(' ', g.Hosts), string.Join(' ', g.Cnc))));
            Assert.Equal(memory.Suspicious.Order(), suspicious.Order());
            Assert.Equal(memory.Hosts.Count, hosts.Count);

            Assert.Equal(hosts.Count, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM verdicts WHERE group_id = 4"));
            Assert.Equal(suspicious.Count, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM verdicts WHERE group_id = 4 AND host_group IS NOT NULL"));
            Assert.True(await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM clusters WHERE group_id = 4 AND plane = 'A'") >= 11);
            Assert.True(await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM host_scores WHERE group_id = 4") > 0);
            Assert.Equal(1, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM `groups` WHERE id = 4 AND analysed IS NOT NULL"));

            // A second run with --overwrite replaces the group's rows instead of adding to them (Storage/StoredResultsTests
            // checks the refusal without it).
            Assert.Equal(0, (await CliRunner.RunAsync(["run", "--group", "4", "--overwrite", "--db", db, "--out", stored, "-q"])).Exit);
            Assert.Equal(hosts.Count, await MariaDbFixture.CountAsync(db, "SELECT COUNT(*) FROM verdicts WHERE group_id = 4"));
        }
        finally
        {
            Directory.Delete(stored, recursive: true);
        }
    }

    [SkippableFact]
    public async Task A_group_that_does_not_exist_is_one_error_line()
    {
        var db = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(["init", "--db", db])).Exit);
        var run = await CliRunner.RunAsync(["run", "--group", "99", "--db", db, "--out", Path.GetTempPath()]);
        Assert.Equal(1, run.Exit);
        Assert.Equal("botengine: error: group 99 does not exist (botengine status lists the groups)" + Environment.NewLine, run.Error);
    }
}
