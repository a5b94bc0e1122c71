using BotCapturer.Fuzz;
using BotCapturer.Generation;

namespace BotCapturer.Tests.Fuzz;

/// <summary>The starting captures of the mutation tests: the hand-built seeds and the head of a tiny generated capture of each timestamp precision.</summary>
internal static class FuzzCorpus
{
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> Captures = new(Build);

    public static IReadOnlyList<(string Name, byte[] Bytes)> All => Captures.Value;

    private static List<(string Name, byte[] Bytes)> Build()
    {
        var captures = SeedWriter.Build().ToList();
        foreach (var nanoseconds in new[] { false, true })
        {
            var options = new ScenarioOptions
            {
                Seed = 7,
                Duration = TimeSpan.FromMinutes(2),
                BenignHosts = 3,
                BotsA = 1,
                BotsB = 1,
                Nanoseconds = nanoseconds,
                SnapLength = nanoseconds ? 1500 : 96,
            };
            using var stream = new MemoryStream();
            TrafficGenerator.Generate(options, stream, null, CancellationToken.None);
            var bytes = stream.ToArray();

            // The first 40 records keep mutated inputs small (AFL++ and the test both work best on short inputs).
            var headers = CaptureMutator.HeaderOffsets(bytes);
            var end = headers.Count > 40 ? headers[40] : bytes.Length;
            captures.Add((nanoseconds ? "generated-ns.pcap" : "generated-us.pcap", bytes[..end]));
        }

        return captures;
    }
}
