using System.Globalization;
using BotCapturer.Capture;

namespace BotCapturer.Generation;

/// <summary>
/// The project's deterministic traffic generator: runs the scenario of <see cref="ScenarioOptions"/> in simulated
/// time and streams it as a pcap file; optionally writes the ground truth as CSV (<c>host,role,family</c>).
/// Memory holds only the conversations in progress, so the capture can be as large as the options make it.
/// </summary>
public static class TrafficGenerator
{
    /// <summary>Generates the capture into <paramref name="pcap"/> and the labels into <paramref name="labels"/> (when given).</summary>
    public static GenerationSummary Generate(ScenarioOptions options, Stream pcap, TextWriter? labels, CancellationToken cancellationToken)
    {
        var problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var scenario = Scenario.Build(options);
        if (labels is not null)
        {
            WriteLabels(scenario.Labels, labels);
        }

        var writer = new PcapWriter(pcap, LinkType.Ethernet, options.Nanoseconds, options.SnapLength);
        var frame = new byte[PacketBuilder.MaxFrameLength(65_000)];
        var addresses = new HashSet<uint>();
        scenario.Simulation.Run(packet =>
        {
            var length = scenario.Network.Build(packet, frame);
            writer.WritePacket(packet.TimeNs, frame.AsSpan(0, length));
            addresses.Add(packet.Source);
            addresses.Add(packet.Destination);
        }, cancellationToken);
        return new GenerationSummary(writer.Packets, writer.BytesWritten, writer.WireBytes, scenario.InternalHosts, addresses.Count, scenario.Labels);
    }

    /// <summary>Writes labels as CSV with a header line.</summary>
    public static void WriteLabels(IEnumerable<HostLabel> labels, TextWriter writer)
    {
        writer.Write("host,role,family\n");
        foreach (var label in labels)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{label.Host},{label.Role},{label.Family}\n"));
        }
    }
}
