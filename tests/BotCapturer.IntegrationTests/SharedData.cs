namespace BotCapturer.IntegrationTests;

/// <summary>
/// Finds the project's root and the read-only <c>../shared</c> folder beside it (captures, datasets). A user's fresh
/// clone has no <c>../shared</c>: tests that need it call <see cref="RequireShared"/> and are skipped with the reason.
/// </summary>
public static class SharedData
{
    public static readonly string RepoRoot = FindRepoRoot();

    public static string SharedRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Captures => Path.Combine(SharedRoot, "captures");

    public static string RequireShared()
    {
        Skip.IfNot(Directory.Exists(Captures), $"../shared is absent ({SharedRoot}); this test reads the real captures there");
        return SharedRoot;
    }

    public static string RequireTool(string tool)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
        Skip.If(path is null, $"{tool} is not installed (apt-get install the package that has it)");
        return path!;
    }

    /// <summary>Every capture file in ../shared/captures, as paths relative to it.</summary>
    public static IEnumerable<string> AllCaptures() =>
        Directory.EnumerateFiles(Captures, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal) || f.EndsWith(".cap", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BotCapturer.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find BotCapturer.sln above " + AppContext.BaseDirectory);
    }
}
