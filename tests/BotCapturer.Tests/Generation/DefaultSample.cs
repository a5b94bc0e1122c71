using BotCapturer.Generation;

namespace BotCapturer.Tests.Generation;

/// <summary>The default scenario (what data/sample.pcap holds), generated once in memory for all the tests that look at it.</summary>
public sealed class DefaultSample
{
    public DefaultSample()
    {
        using var stream = new MemoryStream();
        Summary = TrafficGenerator.Generate(new ScenarioOptions(), stream, null, CancellationToken.None);
        Bytes = stream.ToArray();
        // 256 bytes of payload prefix: enough for an HTTP head and the DOS header of a download
        Flows = PcapFile.Flows(Bytes, payloadBytes: 256);
    }

    public GenerationSummary Summary { get; }

    public byte[] Bytes { get; }

    public List<BotCapturer.Flows.Flow> Flows { get; }
}
