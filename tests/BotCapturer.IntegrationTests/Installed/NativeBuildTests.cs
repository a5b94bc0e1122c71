using System.Reflection;
using BotCapturer.Cli;
using BotCapturer.IntegrationTests.Capture;
using CommandLine;

namespace BotCapturer.IntegrationTests.Installed;

/// <summary>The installed native botengine says and writes what the in-process CLI does, verb by verb.</summary>
public sealed class NativeBuildTests : IDisposable
{
    private static readonly string Sample = Path.Combine(SharedData.RepoRoot, "data", "sample.pcap");
    private static readonly string SampleLabels = Path.Combine(SharedData.RepoRoot, "data", "sample-labels.csv");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("botengine-native-");

    public static TheoryData<string> HelpRequests()
    {
        // Every verb's options are read from its class by reflection: a verb the native build cut short would print fewer.
        var data = new TheoryData<string> { "--help", "--version" };
        foreach (var verb in CliParser.Verbs)
        {
            data.Add(verb.GetCustomAttribute<VerbAttribute>()!.Name + " --help");
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(HelpRequests))]
    public async Task Help_and_version_are_the_same_text(string request)
    {
        var args = request.Split(' ');
        var native = NativeBuild.Run(args);
        var inProcess = await InProcess.CliAsync(args);
        Assert.Equal(inProcess.ExitCode, native.ExitCode);
        Assert.Equal(inProcess.Out, native.Out);
        Assert.True(native.Out.Length > 4, "something was printed");
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("flows")]
    [InlineData("flows {sample} --nope")]
    [InlineData("flows {sample} --threads x")]
    [InlineData("flows {sample} --format xml")]
    [InlineData("flows {sample} --filter tcp_port")]
    [InlineData("flows /nonexistent/capture.pcap")]
    [InlineData("run {sample} --epoch 3fortnights")]
    [InlineData("status --db Server=127.0.0.1;Port=1;User=nobody;Connect_Timeout=2")]
    public async Task Bad_input_is_the_same_one_error_line_and_exit_code(string request)
    {
        NativeBuild.Require();
        var args = request.Replace("{sample}", Sample, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var native = NativeBuild.Run(args);
        var inProcess = await InProcess.CliAsync(args);
        Assert.NotEqual(0, native.ExitCode);
        Assert.Equal(inProcess.ExitCode, native.ExitCode);
        var line = Assert.Single(native.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("botengine: error: ", line, StringComparison.Ordinal);
        Assert.Equal(inProcess.Error.Trim(), line.Trim());
    }

    [SkippableTheory]
    [InlineData("--format csv")]
    [InlineData("--format zeek")]
    [InlineData("--format json --payload-bytes 16")]
    [InlineData("--format csv --filter tcp --threads 1")]
    [InlineData("--format csv --tcp-timeout 5 --udp-timeout 7 --threads 2")]
    public async Task Flows_of_the_sample_are_the_same(string options)
    {
        NativeBuild.Require();
        var nativeOut = Path.Combine(_dir.FullName, "native.out");
        var inProcessOut = Path.Combine(_dir.FullName, "in-process.out");
        string[] Args(string output) => ["flows", Sample, .. options.Split(' '), "--out", output, "-q"];

        var native = NativeBuild.Run(Args(nativeOut));
        Assert.True(native.ExitCode == 0, native.Error);
        Assert.Equal(0, (await InProcess.CliAsync(Args(inProcessOut))).ExitCode);
        var lines = NativeBuild.SortedLines(nativeOut);
        Assert.True(lines.Length > 100, $"{lines.Length} lines");
        Assert.Equal(NativeBuild.SortedLines(inProcessOut), lines);
    }

    [SkippableFact]
    public async Task Run_of_the_sample_writes_the_same_results()
    {
        NativeBuild.Require();
        var nativeOut = Path.Combine(_dir.FullName, "native");
        var inProcessOut = Path.Combine(_dir.FullName, "in-process");
        string[] Args(string output) => ["run", Sample, "--labels", SampleLabels, "--out", output];

        var native = NativeBuild.Run(Args(nativeOut));
        Assert.True(native.ExitCode == 0, native.Error);
        var inProcess = await InProcess.CliAsync(Args(inProcessOut));
        Assert.Equal(0, inProcess.ExitCode);
        NativeBuild.AssertSameResults(inProcessOut, nativeOut);

        // And the report says both botnets of the sample were found.
        Assert.Contains("groups 2", native.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
