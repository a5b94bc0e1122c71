using System.Text.Json.Nodes;

namespace BotCapturer.IntegrationTests.Installed;

/// <summary>
/// The botengine that <c>scripts/install.sh</c> builds (Native AOT), named by <c>BOTENGINE_INSTALLED</c>; scripts/test.sh
/// installs one and sets it. The native build keeps only the code it can see being used, so reflection (the command
/// line parser's) can break there and nowhere else: these tests run it beside the in-process CLI and compare.
/// </summary>
internal static class NativeBuild
{
    public const string Variable = "BOTENGINE_INSTALLED";

    public static string Require()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrEmpty(path), $"{Variable} is not set (scripts/test.sh sets it to the native build it installs with scripts/install.sh, which needs clang)");
        Assert.True(File.Exists(path), $"{Variable}={path}: no such file");
        return path!;
    }

    public static (int ExitCode, string Out, string Error) Run(params string[] args) => ExternalTool.Run(Require(), args);

    /// <summary>
    /// Both folders hold the same result files with the same contents, but for summary.json's timings and the order of
    /// flows.csv's lines (the flows of a run come out in no fixed order across shards).
    /// </summary>
    public static void AssertSameResults(string expectedFolder, string actualFolder)
    {
        var expected = ResultFiles(expectedFolder);
        var actual = ResultFiles(actualFolder);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, text) in expected)
        {
            Assert.True(text == actual[name], $"{name} differs");
        }
    }

    /// <summary>Every file of a result folder by name, as compared: summary.json without its timings, flows.csv's lines sorted.</summary>
    private static SortedDictionary<string, string> ResultFiles(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            files[name] = name switch
            {
                "summary.json" => WithoutTimings(File.ReadAllText(path)),
                "flows.csv" => string.Join('\n', SortedLines(path)),
                _ => File.ReadAllText(path),
            };
        }

        return files;
    }

    private static string WithoutTimings(string summaryJson)
    {
        var summary = JsonNode.Parse(summaryJson)!.AsObject();
        summary.Remove("timings_s");
        return summary.ToJsonString();
    }

    /// <summary>
    /// A file's lines in order (flows of a sharded file come out in no fixed order), without a Zeek log's #open and #close
    /// lines, which carry the time the file was written.
    /// </summary>
    public static string[] SortedLines(string path) =>
    [
        .. File.ReadAllLines(path)
            .Where(line => !line.StartsWith("#open\t", StringComparison.Ordinal) && !line.StartsWith("#close\t", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];
}
