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

    /// <summary>Every file of a result folder by name, summary.json without its timings.</summary>
    public static SortedDictionary<string, string> ResultFiles(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            var text = File.ReadAllText(path);
            if (name == "summary.json")
            {
                var summary = JsonNode.Parse(text)!.AsObject();
                summary.Remove("timings_s");
                text = summary.ToJsonString();
            }

            files[name] = text;
        }

        return files;
    }

    /// <summary>A file's lines in order (flows of a sharded file come out in no fixed order).</summary>
    public static string[] SortedLines(string path) => [.. File.ReadAllLines(path).Order(StringComparer.Ordinal)];
}
