using BotCapturer.Fuzz;

namespace BotCapturer.Tests.Fuzz;

/// <summary>
/// Replays inputs AFL++ produced through the same harness loop the fuzzer ran (docs/fuzzing.md): crash and hang inputs
/// (Fuzz/Regressions) and a sample of the fuzzer's queue that reaches the parsers' and decoder's error paths
/// (Fuzz/Corpus). Each must end in packets, counted skips or a clean error, never an exception, and terminate.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fuzz");

    public static TheoryData<string> Inputs() =>
        [.. new[] { "Regressions", "Corpus" }
            .Where(d => Directory.Exists(Path.Combine(Root, d)))
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.bin").Select(f => $"{d}/{Path.GetFileName(f)}"))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task RegressionInputKeepsTheContract(string name)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Root, name));

        // WaitAsync throws TimeoutException if the harness loop does not terminate.
        var outcome = await Task.Run(() => FuzzTarget.Run(bytes)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(outcome);
    }
}
