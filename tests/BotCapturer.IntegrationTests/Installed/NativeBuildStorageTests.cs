using BotCapturer.IntegrationTests.Storage;

namespace BotCapturer.IntegrationTests.Installed;

/// <summary>
/// The native botengine's load-then-analyse workflow (<c>init</c>, <c>load</c>, <c>status</c>, <c>run --group</c>)
/// against the test MariaDB: the database driver is part of what the native build compiles and trims.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class NativeBuildStorageTests(MariaDbFixture server) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("botengine-native-db-");

    [SkippableFact]
    public async Task Load_status_and_run_group_store_and_report_what_the_in_process_cli_does()
    {
        NativeBuild.Require();
        var sample = Path.Combine(SharedData.RepoRoot, "data", "sample.pcap");
        var nativeDb = await server.CreateDatabaseAsync();
        var inProcessDb = await server.CreateDatabaseAsync();

        foreach (var args in new[]
        {
            ["init"],
            ["load", sample, "--group", "15", "--name", "sample", "--packets"],
            new[] { "run", "--group", "15", "-q", "--out" },
        })
        {
            var native = NativeBuild.Run([.. args, .. Output(args, "native"), "--db", nativeDb]);
            Assert.True(native.ExitCode == 0, $"{args[0]}: {native.Error}");
            var inProcess = await CliRunner.RunAsync([.. args, .. Output(args, "in-process"), "--db", inProcessDb]);
            Assert.True(inProcess.Exit == 0, $"{args[0]}: {inProcess.Error}");
        }

        var nativeGroup = Assert.Single(await StorageLoadTests.StatusAsync(nativeDb));
        var inProcessGroup = Assert.Single(await StorageLoadTests.StatusAsync(inProcessDb));
        foreach (var field in new[] { "files", "packets", "flows", "flow_rows", "packet_rows", "cflows" })
        {
            Assert.True(inProcessGroup.GetProperty(field).GetInt64() > 0, $"{field} is counted");
            Assert.Equal(inProcessGroup.GetProperty(field).GetInt64(), nativeGroup.GetProperty(field).GetInt64());
        }

        foreach (var table in new[] { "flows", "packets", "cflows", "activities", "aclusters", "verdicts" })
        {
            var sql = $"SELECT COUNT(*) FROM `{table}`";
            Assert.Equal(await MariaDbFixture.CountAsync(inProcessDb, sql), await MariaDbFixture.CountAsync(nativeDb, sql));
        }

        NativeBuild.AssertSameResults(Path.Combine(_dir.FullName, "in-process"), Path.Combine(_dir.FullName, "native"));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private string[] Output(string[] args, string name) => args[^1] == "--out" ? [Path.Combine(_dir.FullName, name)] : [];
}
