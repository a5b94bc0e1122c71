using BotCapturer.Collections;
using BotCapturer.Decode;
using BotCapturer.Net;

namespace BotCapturer.Flows;

/// <summary>
/// A bidirectional flow (DESIGN.md "Flows"): the initiator is the source. Made by <see cref="FlowTable"/> when the
/// flow ends (or by <see cref="Create"/>); read-only for every consumer (only <see cref="FlowMerger"/> joins partials).
/// </summary>
public sealed class Flow
{
    /// <summary>About the size of a flow object: its header and fields (the runtime lays the key out last).</summary>
    private const int ObjectBytes = 192;

    internal Flow(FlowKey key, bool sourceIsA, long startNs)
    {
        Key = key;
        SourceIsA = sourceIsA;
        StartNs = startNs;
        EndNs = startNs;
    }

    /// <summary>
    /// Creates a finished flow from stored or generated values (storage, tests, merges). The key is put in canonical
    /// order as <see cref="FlowKey.FromPacket"/> does, so a created flow merges with (and equals the key of) one the
    /// flow table built; <paramref name="source"/> stays the initiator.
    /// </summary>
    public static Flow Create(
        byte protocol, HostAddress source, ushort sourcePort, HostAddress destination, ushort destinationPort,
        long startNs, long endNs, long sourcePackets, long sourceBytes, long destinationPackets, long destinationBytes,
        TcpFlags sourceFlags = TcpFlags.None, TcpFlags destinationFlags = TcpFlags.None,
        long sourcePayloadBytes = 0, long destinationPayloadBytes = 0,
        byte[]? sourcePayload = null, byte[]? destinationPayload = null, FlowEnd end = FlowEnd.EndOfInput,
        long sourceIpBytes = 0, long destinationIpBytes = 0, bool sourceSentSyn = false, bool destinationSentSynAck = false,
        bool mayContinueEarlier = false, bool mayContinueLater = false)
    {
        var isIcmp = protocol is (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6;
        var c = source.CompareTo(destination);
        var sourceIsA = isIcmp ? c <= 0 : c < 0 || (c == 0 && sourcePort <= destinationPort);
        // ICMP keys keep (type, code) in (PortA, PortB) whichever address comes first (FlowKey.FromPacket).
        var key = sourceIsA || isIcmp
            ? new FlowKey(protocol, sourceIsA ? source : destination, sourcePort, sourceIsA ? destination : source, destinationPort)
            : new FlowKey(protocol, destination, destinationPort, source, sourcePort);
        return new Flow(key, sourceIsA, startNs)
        {
            EndNs = endNs,
            SourcePackets = sourcePackets,
            SourceBytes = sourceBytes,
            DestinationPackets = destinationPackets,
            DestinationBytes = destinationBytes,
            SourceFlags = sourceFlags,
            DestinationFlags = destinationFlags,
            SourcePayloadBytes = sourcePayloadBytes,
            DestinationPayloadBytes = destinationPayloadBytes,
            SourcePayload = sourcePayload,
            SourcePayloadLength = sourcePayload?.Length ?? 0,
            DestinationPayload = destinationPayload,
            DestinationPayloadLength = destinationPayload?.Length ?? 0,
            End = end,
            SourceIpBytes = sourceIpBytes,
            DestinationIpBytes = destinationIpBytes,
            SourceSentSyn = sourceSentSyn,
            DestinationSentSynAck = destinationSentSynAck,
            MayContinueEarlier = mayContinueEarlier,
            MayContinueLater = mayContinueLater,
        };
    }

    /// <summary>The canonical (direction-free) key.</summary>
    public FlowKey Key { get; internal set; }

    /// <summary>True when the initiator is endpoint A of <see cref="Key"/>.</summary>
    public bool SourceIsA { get; internal set; }

    public byte Protocol => Key.Protocol;

    public HostAddress Source => SourceIsA ? Key.A : Key.B;

    public HostAddress Destination => SourceIsA ? Key.B : Key.A;

    public ushort SourcePort => SourceIsA || IsIcmp ? Key.PortA : Key.PortB;

    public ushort DestinationPort => SourceIsA || IsIcmp ? Key.PortB : Key.PortA;

    public bool IsIcmp => Key.Protocol is (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6;

    /// <summary>First packet, nanoseconds since the Unix epoch.</summary>
    public long StartNs { get; internal set; }

    /// <summary>Last packet, nanoseconds since the Unix epoch.</summary>
    public long EndNs { get; internal set; }

    public long DurationNs => EndNs - StartNs;

    public long SourcePackets { get; internal set; }

    /// <summary>Bytes on the wire (pcap original length) sent by the source.</summary>
    public long SourceBytes { get; internal set; }

    /// <summary>Transport payload bytes on the wire sent by the source.</summary>
    public long SourcePayloadBytes { get; internal set; }

    /// <summary>IP-level bytes (IP header and payload) sent by the source, as Zeek's orig_ip_bytes.</summary>
    public long SourceIpBytes { get; internal set; }

    public long DestinationPackets { get; internal set; }

    public long DestinationIpBytes { get; internal set; }

    public long DestinationBytes { get; internal set; }

    public long DestinationPayloadBytes { get; internal set; }

    public long TotalPackets => SourcePackets + DestinationPackets;

    public long TotalBytes => SourceBytes + DestinationBytes;

    /// <summary>OR of the TCP flags the source sent.</summary>
    public TcpFlags SourceFlags { get; internal set; }

    /// <summary>OR of the TCP flags the destination sent.</summary>
    public TcpFlags DestinationFlags { get; internal set; }

    /// <summary>TCP: the source sent a SYN without ACK (a connection attempt).</summary>
    public bool SourceSentSyn { get; internal set; }

    /// <summary>TCP: the destination answered with SYN+ACK.</summary>
    public bool DestinationSentSynAck { get; internal set; }

    /// <summary>The first payload bytes the source sent, in order (up to the configured cap).</summary>
    public byte[]? SourcePayload { get; internal set; }

    public int SourcePayloadLength { get; internal set; }

    public byte[]? DestinationPayload { get; internal set; }

    public int DestinationPayloadLength { get; internal set; }

    public ReadOnlySpan<byte> SourcePayloadPrefix => SourcePayload.AsSpan(0, SourcePayloadLength);

    public ReadOnlySpan<byte> DestinationPayloadPrefix => DestinationPayload.AsSpan(0, DestinationPayloadLength);

    public FlowEnd End { get; internal set; }

    /// <summary>Seen from the start of its capture file's first timeout window and not begun with a SYN: the flow may have begun in an earlier file.</summary>
    public bool MayContinueEarlier { get; internal set; }

    /// <summary>Still open when its capture file ended: the flow may go on in a later file.</summary>
    public bool MayContinueLater { get; internal set; }

    /// <summary>Zeek's conn_state for this flow.</summary>
    public string State => ConnState.Of(this);

    /// <summary>
    /// Starts loading this flow's fields into the cache: a hint for whoever reads a batch's flows a few ahead, since the
    /// flow tables write each flow on their own core, one object each.
    /// </summary>
    public void Prefetch() => CachePrefetch.Object(this, ObjectBytes);

    public override string ToString() =>
        $"{Protocol} {Source}:{SourcePort} -> {Destination}:{DestinationPort} {SourcePackets}/{DestinationPackets} pkts {State}";
}
