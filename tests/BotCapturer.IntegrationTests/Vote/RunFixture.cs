using BotCapturer.Engine.Analysis.Vote;
using BotCapturer.Evaluation;
using BotCapturer.IntegrationTests.Capture;

namespace BotCapturer.IntegrationTests.Vote;

/// <summary>Runs <c>botengine run</c> in this process into a temporary folder and reads the result back.</summary>
internal sealed class RunOutput : IDisposable
{
    private RunOutput(string folder, string stdout, List<string> hosts, HashSet<string> suspicious, List<ResultGroup> groups)
    {
        Folder = folder;
        Stdout = stdout;
        Hosts = hosts;
        Suspicious = suspicious;
        Groups = groups;
    }

    public string Folder { get; }

    public string Stdout { get; }

    /// <summary>Hosts in hosts.csv order (most suspicious first).</summary>
    public List<string> Hosts { get; }

    public HashSet<string> Suspicious { get; }

    public List<ResultGroup> Groups { get; }

    public static async Task<RunOutput> RunAsync(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("botcapturer-vote-").FullName;
        var (code, stdout, stderr) = await InProcess.CliAsync(["run", .. args, "--out", folder, "-q"]);
        Assert.True(code == 0, $"botengine run exited {code}: {stderr}");
        var (hosts, suspicious, groups) = RunResultReader.Read(folder);
        return new RunOutput(folder, stdout, hosts, suspicious, groups);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
