using BotCapturer.Capture;
using BotCapturer.Decode;

namespace BotCapturer.Engine.Reading;

/// <summary>
/// What every record handler does first with a packet: the BPF filter, decoding, counting by outcome, and the raw
/// packet observer. Shared by the single-table and the sharding handlers.
/// </summary>
internal sealed class PacketIntake(PacketFilter? filter, Action<CaptureRecord, DecodedPacket>? observer)
{
    public PacketCounters Counters { get; } = new();

    /// <summary>Packets the BPF filter rejected (not counted in <see cref="Counters"/>).</summary>
    public long Filtered { get; private set; }

    /// <summary>Returns true with the decoded packet when it should go on to a flow table.</summary>
    public bool TryTake(in CaptureRecord record, ReadOnlySpan<byte> frame, out DecodedPacket packet)
    {
        if (filter is not null && !filter.Matches(record.LinkType, frame))
        {
            Filtered++;
            packet = default;
            return false;
        }

        var status = PacketDecoder.Decode(record.LinkType, frame, record.OriginalLength, out packet);
        Counters.Count(status, record.OriginalLength);
        if (status != DecodeStatus.Ok)
        {
            return false;
        }

        if (packet.Protocol is not ((byte)IpProtocol.Tcp or (byte)IpProtocol.Udp or (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6))
        {
            Counters.OtherProtocol++;
        }

        observer?.Invoke(record, packet);
        return true;
    }

    public void CountBadRecord(in CaptureRecord record) => Counters.Count(DecodeStatus.BadRecord, record.OriginalLength);
}
