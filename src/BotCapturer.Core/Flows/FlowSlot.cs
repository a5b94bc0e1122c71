using BotCapturer.Decode;

namespace BotCapturer.Flows;

/// <summary>
/// The state of one open flow inside a <see cref="FlowTable"/>: an element of an array whose slots are reused once
/// their flows end. Open flows can live for minutes of capture time (a scan's lone SYNs wait out the TCP timeout), so
/// keeping them as objects made the garbage collector copy them from generation to generation; as slots they cost
/// nothing to collect, and the <see cref="Flow"/> object made when a flow ends dies young.
/// </summary>
internal struct FlowSlot
{
    public FlowKey Key;
    public long StartNs;
    public long EndNs;
    public long SourcePackets;
    public long SourceBytes;
    public long SourcePayloadBytes;
    public long SourceIpBytes;
    public long DestinationPackets;
    public long DestinationBytes;
    public long DestinationPayloadBytes;
    public long DestinationIpBytes;
    public byte[]? SourcePayload;
    public byte[]? DestinationPayload;
    public int SourcePayloadLength;
    public int DestinationPayloadLength;

    /// <summary>The next expected sequence number of each direction's stream, for in-order payload prefixes.</summary>
    public uint SourceNextSeq;
    public uint DestinationNextSeq;

    /// <summary>The idle queue the slot is on (<see cref="FlowSlotQueue.Id"/>), or -1.</summary>
    public sbyte Queue;

    public TcpFlags SourceFlags;
    public TcpFlags DestinationFlags;
    public FlowEnd End;
    public bool SourceIsA;
    public bool Closed;
    public bool SourceSentSyn;
    public bool DestinationSentSynAck;

    /// <summary>The source's next sequence number is known from its SYN before any payload arrived.</summary>
    public bool SourceSeqKnown;

    /// <summary>The destination's next sequence number is known from its SYN-ACK before any payload arrived.</summary>
    public bool DestinationSeqKnown;

    public bool MayContinueEarlier;

    /// <summary>The finished flow, which takes over the payload buffers.</summary>
    public readonly Flow ToFlow(bool mayContinueLater)
    {
        var flow = new Flow(Key, SourceIsA, StartNs);
        CopyTo(flow, mayContinueLater);
        return flow;
    }

    /// <summary>Writes the finished flow into a recycled <see cref="Flow"/> object, every property of it.</summary>
    public readonly void CopyTo(Flow flow, bool mayContinueLater)
    {
        flow.Key = Key;
        flow.SourceIsA = SourceIsA;
        flow.StartNs = StartNs;
        flow.EndNs = EndNs;
        flow.SourcePackets = SourcePackets;
        flow.SourceBytes = SourceBytes;
        flow.SourcePayloadBytes = SourcePayloadBytes;
        flow.SourceIpBytes = SourceIpBytes;
        flow.DestinationPackets = DestinationPackets;
        flow.DestinationBytes = DestinationBytes;
        flow.DestinationPayloadBytes = DestinationPayloadBytes;
        flow.DestinationIpBytes = DestinationIpBytes;
        flow.SourceFlags = SourceFlags;
        flow.DestinationFlags = DestinationFlags;
        flow.SourceSentSyn = SourceSentSyn;
        flow.DestinationSentSynAck = DestinationSentSynAck;
        flow.SourcePayload = SourcePayload;
        flow.SourcePayloadLength = SourcePayloadLength;
        flow.DestinationPayload = DestinationPayload;
        flow.DestinationPayloadLength = DestinationPayloadLength;
        flow.End = End;
        flow.MayContinueEarlier = MayContinueEarlier;
        flow.MayContinueLater = mayContinueLater;
    }
}
