using BotCapturer.Cli;

namespace BotCapturer.IntegrationTests.APlane;

/// <summary><c>botengine activities</c> end to end, in process, on a real capture.</summary>
public sealed class ActivitiesCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "botcapturer-activities-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, false, () => Stream.Null);
        var code = await Program.RunAsync(args, context, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task Writes_both_tables_and_uses_a_user_signature_file()
    {
        SharedData.RequireShared();
        Directory.CreateDirectory(_folder);
        var signatures = Path.Combine(_folder, "mine.json");
        await File.WriteAllTextAsync(signatures, """
            { "signatures": [ { "name": "wget-linux-client", "family": "Test", "protocol": "tcp", "direction": "client",
              "pattern": "\\r\\nUser-Agent: Wget/[0-9.]+ \\(linux-gnu", "weight": 1, "source": "test" } ] }
            """);
        var capture = Path.Combine(SharedData.Captures, "stratocyberlab", "class11-capture1.pcapng");
        Skip.IfNot(File.Exists(capture), "class11-capture1.pcapng is absent");

        var (code, output, error) = await RunAsync("activities", capture, "--out", _folder, "--signatures", signatures, "-q");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("wget-linux-client", output, StringComparison.Ordinal);
        var activities = await File.ReadAllLinesAsync(Path.Combine(_folder, "activities.csv"));
        var clusters = await File.ReadAllLinesAsync(Path.Combine(_folder, "aclusters.csv"));
        Assert.Equal(1 + 7, activities.Length); // scan, 5 ELF downloads, the user's signature
        Assert.Equal(1 + 7, clusters.Length);
        Assert.Contains(clusters, c => c.StartsWith("1,scan,horizontal:tcp/23:*,", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_bad_signature_file_is_one_error_line_and_exit_code_1()
    {
        SharedData.RequireShared();
        Directory.CreateDirectory(_folder);
        var signatures = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(signatures, """{ "signatures": [ { "name": "x", "pattern": "(" } ] }""");
        var capture = Path.Combine(SharedData.Captures, "ndpi-tests", "irc.pcap");

        var (code, _, error) = await RunAsync("activities", capture, "--out", _folder, "--signatures", signatures);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"botengine: error: {signatures}: signature 'x': pattern does not compile", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
