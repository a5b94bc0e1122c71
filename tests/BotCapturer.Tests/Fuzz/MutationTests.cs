using BotCapturer.Fuzz;

namespace BotCapturer.Tests.Fuzz;

/// <summary>
/// A deterministic in-process fuzz pass for every CI run: seeded structure-aware mutations (bit flips, byte sets,
/// truncations, record/block length edits, deletions, duplications, splices) of the fuzz seeds, each read in memory,
/// through CaptureFileReader in tiny segments and sharded (<see cref="FuzzTarget.Run"/>). None may throw, and the
/// whole pass must end: a parser that stops consuming would hang it.
/// </summary>
public sealed class MutationTests
{
    private const int Iterations = 1500;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task MutatedCapturesNeverBreakTheContract(int seed)
    {
        var corpus = FuzzCorpus.All.Select(c => c.Bytes).ToList();
        var random = new Random(seed);
        var inputs = Enumerable.Range(0, Iterations).Select(_ => CaptureMutator.Mutate(corpus[random.Next(corpus.Count)], corpus, random)).ToList();
        var failures = new List<string>();
        var errors = 0;

        var pass = Task.Run(() =>
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                try
                {
                    if (FuzzTarget.Run(inputs[i]).Error is not null)
                    {
                        errors++;
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"mutation {i} ({inputs[i].Length} bytes, hex {Convert.ToHexString(inputs[i].AsSpan(0, Math.Min(64, inputs[i].Length)))}...): {e.GetType().Name}: {e.Message}");
                }
            }
        });

        // WaitAsync throws TimeoutException if the pass does not terminate.
        await pass.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(failures);

        // The mutations must reach both outcomes, or the pass tests little.
        Assert.InRange(errors, 1, Iterations - 1);
    }

    [Fact]
    public void MutatorIsDeterministic()
    {
        var corpus = FuzzCorpus.All.Select(c => c.Bytes).ToList();
        var a = new Random(5);
        var b = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(CaptureMutator.Mutate(corpus[i % corpus.Count], corpus, a), CaptureMutator.Mutate(corpus[i % corpus.Count], corpus, b));
        }
    }
}
