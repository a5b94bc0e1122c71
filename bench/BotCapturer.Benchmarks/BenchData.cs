namespace BotCapturer.Benchmarks;

/// <summary>Locates inputs for benchmarks: the repo's data/ folder and, when present, ../shared.</summary>
public static class BenchData
{
    public static readonly string RepoRoot = FindRepoRoot();

    public static string SharedCaptures => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "captures"));

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BotCapturer.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
