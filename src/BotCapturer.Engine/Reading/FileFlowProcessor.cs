using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Reading;

/// <summary>
/// The per-file worker's record handler: filter, decode and add to the file's flow table, all on the span the
/// reader hands out. Decode and flow building share a worker so that payload prefixes are copied only once,
/// from the reader's buffer straight into the flow.
/// </summary>
internal sealed class FileFlowProcessor : IRecordHandler
{
    private readonly PacketFilter? _filter;

    public FileFlowProcessor(FlowOptions options, PacketFilter? filter)
    {
        Table = new FlowTable(options);
        _filter = filter;
    }

    public FlowTable Table { get; }

    public PacketCounters Counters { get; } = new();

    /// <summary>Packets the BPF filter rejected (not counted in <see cref="Counters"/>).</summary>
    public long Filtered { get; private set; }

    /// <summary>An observer of every decoded packet (raw packet storage); null when nobody asked.</summary>
    public Action<CaptureRecord, DecodedPacket>? PacketObserver { get; init; }

    public void OnPacket(in CaptureRecord record, ReadOnlySpan<byte> frame)
    {
        if (_filter is not null && !_filter.Matches(record.LinkType, frame))
        {
            Filtered++;
            return;
        }

        var status = PacketDecoder.Decode(record.LinkType, frame, record.OriginalLength, out var packet);
        Counters.Count(status, record.OriginalLength);
        if (status != DecodeStatus.Ok)
        {
            return;
        }

        if (packet.Protocol is not ((byte)IpProtocol.Tcp or (byte)IpProtocol.Udp or (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6))
        {
            Counters.OtherProtocol++;
        }

        Table.Add(packet, record.TimestampNs, record.OriginalLength, frame);
        PacketObserver?.Invoke(record, packet);
    }

    public void OnBadRecord(in CaptureRecord record, string? reason) => Counters.Count(DecodeStatus.BadRecord, record.OriginalLength);
}
