using BotCapturer.Decode;
using BotCapturer.Fuzz;

namespace BotCapturer.Tests.Fuzz;

/// <summary>The fuzzing seeds are valid captures: every read path reads them whole and decodes every packet.</summary>
public sealed class FuzzSeedTests
{
    public static TheoryData<string> Names() => [.. FuzzCorpus.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void SeedIsReadWholeAndFullyDecoded(string name)
    {
        var bytes = FuzzCorpus.All.Single(c => c.Name == name).Bytes;

        var outcome = FuzzTarget.Run(bytes);

        Assert.Null(outcome.Error);
        Assert.True(outcome.Packets >= 2, $"{name}: {outcome}");
        // Everything decodes except the one deliberate non-first IPv4 fragment of pcap-pppoe-ext.pcap.
        Assert.Equal(outcome.Packets, outcome.Counts[(int)DecodeStatus.Ok] + outcome.Counts[(int)DecodeStatus.IpFragment]);
        Assert.True(outcome.Counts[(int)DecodeStatus.IpFragment] <= 1, $"{name}: {outcome}");
        Assert.Equal(outcome.Counts[(int)DecodeStatus.Ok], outcome.FlowPackets);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(1000)]
    public void ReaderAgreesWithInMemoryLoopForAnySegmentSize(int segmentSize)
    {
        foreach (var (name, bytes) in FuzzCorpus.All)
        {
            var memory = FuzzTarget.RunInMemory(bytes);
            var piped = FuzzTarget.RunReader(bytes, segmentSize);
            Assert.True(memory.Agrees(piped), $"{name}: {memory} vs {piped}");
        }
    }

    [Fact]
    public void TruncatedCaptureIsACleanErrorOnEveryPath()
    {
        var bytes = FuzzCorpus.All.Single(c => c.Name == "pcapng-le.pcapng").Bytes;

        var outcome = FuzzTarget.Run(bytes.AsSpan(0, bytes.Length - 5));

        Assert.NotNull(outcome.Error);
        Assert.True(outcome.Packets > 0);
    }
}
