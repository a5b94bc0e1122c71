using System.Runtime.InteropServices;
using BotCapturer.Decode;

namespace BotCapturer.Flows;

/// <summary>
/// Builds bidirectional flows from the packets of one capture file, in file order. Time is the packets' own
/// time (never the wall clock), so results do not depend on when or how fast the file is read. Finished flows
/// (closed, idle, reused) accumulate in <see cref="Completed"/> for the caller to take in batches; memory
/// holds only active flows, because idle ones are evicted as capture time advances.
/// </summary>
public sealed class FlowTable
{
    private readonly FlowOptions _options;
    private readonly Dictionary<FlowKey, Flow> _active = new(4096);
    private readonly List<Flow> _completed = new(4096);
    private readonly long _closeLingerNs;
    private readonly FlowLruList _tcp;
    private readonly FlowLruList _udp;
    private readonly FlowLruList _icmp;
    private readonly FlowLruList _other;
    private readonly FlowLruList _closed;
    private readonly long _sweepIntervalNs;
    private long _firstNs = long.MinValue;
    private long _nowNs = long.MinValue;
    private long _lastSweepNs;

    public FlowTable(FlowOptions? options = null)
    {
        _options = options ?? FlowOptions.Default;
        _closeLingerNs = _options.CloseLinger.Ticks * 100;
        _sweepIntervalNs = Math.Max(1, _options.SweepInterval.Ticks * 100);
        _tcp = new FlowLruList(_options.TimeoutNs(6));
        _udp = new FlowLruList(_options.TimeoutNs(17));
        _icmp = new FlowLruList(_options.TimeoutNs(1));
        _other = new FlowLruList(_options.TimeoutNs(0));
        _closed = new FlowLruList(_closeLingerNs);
    }

    /// <summary>Flows that have ended and not been taken yet.</summary>
    public List<Flow> Completed => _completed;

    /// <summary>Flows currently open.</summary>
    public int ActiveCount => _active.Count;

    /// <summary>
    /// Tells the table when its capture file began, for a table that sees only part of a file (a shard): flows are
    /// marked as possibly continuing an earlier file by their distance from the file's start, not the shard's.
    /// </summary>
    public void SetFileStart(long timestampNs)
    {
        if (_firstNs == long.MinValue)
        {
            _firstNs = timestampNs;
            _lastSweepNs = timestampNs;
        }
    }

    /// <summary>Adds one decoded packet.</summary>
    /// <param name="packet">The decoded packet.</param>
    /// <param name="timestampNs">Its capture time.</param>
    /// <param name="wireLength">The frame's original length (bytes on the wire).</param>
    /// <param name="frame">The captured frame, for the payload prefix; only read during this call.</param>
    public void Add(in DecodedPacket packet, long timestampNs, int wireLength, ReadOnlySpan<byte> frame)
    {
        if (timestampNs > _nowNs)
        {
            SetFileStart(timestampNs);
            _nowNs = timestampNs;
            if (_nowNs - _lastSweepNs >= _sweepIntervalNs)
            {
                Sweep();
            }
        }

        var key = FlowKey.FromPacket(packet, out var aToB);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_active, key, out var exists);
        var isTcp = packet.Protocol == (byte)IpProtocol.Tcp;
        var pureSyn = isTcp && (packet.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;
        if (exists)
        {
            var flow = slot!;
            var idle = timestampNs - flow.EndNs > _options.TimeoutNs(packet.Protocol);
            var reused = flow.Closed && (pureSyn || timestampNs - flow.EndNs > _closeLingerNs);
            if (idle || reused)
            {
                flow.End = idle && !flow.Closed ? FlowEnd.Idle : flow.End == FlowEnd.EndOfInput ? FlowEnd.Reused : flow.End;
                flow.LruList?.Remove(flow);
                _completed.Add(flow);
                exists = false;
            }
        }

        if (!exists)
        {
            // The initiator is the sender of the first SYN, else of the first packet; a SYN-ACK seen first
            // means the SYN was missed, so its receiver is the initiator.
            var synAckFirst = isTcp && (packet.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack);
            var sourceIsA = synAckFirst ? !aToB : aToB;
            slot = new Flow(key, sourceIsA, timestampNs)
            {
                MayContinueEarlier = !pureSyn && timestampNs - _firstNs < _options.TimeoutNs(packet.Protocol),
            };
        }

        var current = slot!;
        Update(current, packet, aToB == current.SourceIsA, timestampNs, wireLength, frame);
        var list = current.Closed ? _closed : ListFor(packet.Protocol);
        if (current.LruList != list)
        {
            list.Enqueue(current, timestampNs);
        }
    }

    private FlowLruList ListFor(byte protocol) => protocol switch
    {
        (byte)IpProtocol.Tcp => _tcp,
        (byte)IpProtocol.Udp => _udp,
        (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6 => _icmp,
        _ => _other,
    };

    /// <summary>Ends the file: every open flow is completed and marked as possibly continuing in a later file.</summary>
    public void Flush()
    {
        foreach (var flow in _active.Values)
        {
            if (!flow.Closed)
            {
                flow.MayContinueLater = true;
            }

            flow.LruList?.Remove(flow);
            _completed.Add(flow);
        }

        _active.Clear();
    }

    private void Sweep()
    {
        _lastSweepNs = _nowNs;
        Expire(_closed);
        Expire(_tcp);
        Expire(_udp);
        Expire(_icmp);
        Expire(_other);
    }

    /// <summary>
    /// Evicts from the head of the queue while flows are idle past the list's timeout; a flow at the head that saw
    /// packets since it was queued goes back to the tail. Flows queued within the last timeout cannot be idle past it.
    /// </summary>
    private void Expire(FlowLruList list)
    {
        while (list.Head is { } flow && _nowNs - flow.QueuedNs > list.TimeoutNs)
        {
            if (_nowNs - flow.EndNs <= list.TimeoutNs)
            {
                list.Enqueue(flow, _nowNs);
                continue;
            }

            list.Remove(flow);
            if (!flow.Closed)
            {
                flow.End = FlowEnd.Idle;
            }

            _completed.Add(flow);
            _active.Remove(flow.Key);
        }
    }

    private void Update(Flow flow, in DecodedPacket packet, bool fromSource, long timestampNs, int wireLength, ReadOnlySpan<byte> frame)
    {
        if (timestampNs > flow.EndNs)
        {
            flow.EndNs = timestampNs;
        }
        else if (timestampNs < flow.StartNs)
        {
            flow.StartNs = timestampNs;
        }

        var flags = packet.Flags;
        var payload = packet.PayloadLength > 0 ? frame.Slice(packet.PayloadOffset, packet.PayloadLength) : default;
        if (fromSource)
        {
            flow.SourcePackets++;
            flow.SourceBytes += wireLength;
            flow.SourceIpBytes += packet.IpLength;
            flow.SourcePayloadBytes += packet.WirePayloadLength;
            flow.SourceFlags |= flags;
            if ((flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn)
            {
                flow.SourceSentSyn = true;
                if (flow.SourcePayloadLength == 0)
                {
                    // RFC 9293 §3.4: the SYN takes one sequence number; the stream's first byte is ISN+1.
                    (flow.SourceNextSeq, flow.SourceSeqKnown) = (packet.Sequence + 1, true);
                }
            }

            if (!payload.IsEmpty && flow.SourcePayloadLength < _options.PayloadBytes)
            {
                var (buffer, length, next) = (flow.SourcePayload, flow.SourcePayloadLength, flow.SourceNextSeq);
                AppendPayload(ref buffer, ref length, ref next, flow.SourceSeqKnown, packet, payload);
                (flow.SourcePayload, flow.SourcePayloadLength, flow.SourceNextSeq) = (buffer, length, next);
            }
        }
        else
        {
            flow.DestinationPackets++;
            flow.DestinationBytes += wireLength;
            flow.DestinationIpBytes += packet.IpLength;
            flow.DestinationPayloadBytes += packet.WirePayloadLength;
            flow.DestinationFlags |= flags;
            if ((flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack))
            {
                flow.DestinationSentSynAck = true;
                if (flow.DestinationPayloadLength == 0)
                {
                    (flow.DestinationNextSeq, flow.DestinationSeqKnown) = (packet.Sequence + 1, true);
                }
            }

            if (!payload.IsEmpty && flow.DestinationPayloadLength < _options.PayloadBytes)
            {
                var (buffer, length, next) = (flow.DestinationPayload, flow.DestinationPayloadLength, flow.DestinationNextSeq);
                AppendPayload(ref buffer, ref length, ref next, flow.DestinationSeqKnown, packet, payload);
                (flow.DestinationPayload, flow.DestinationPayloadLength, flow.DestinationNextSeq) = (buffer, length, next);
            }
        }

        if ((flags & TcpFlags.Rst) != 0)
        {
            flow.Closed = true;
            flow.End = FlowEnd.Reset;
        }
        else if ((flow.SourceFlags & flow.DestinationFlags & TcpFlags.Fin) != 0 && !flow.Closed)
        {
            flow.Closed = true;
            flow.End = FlowEnd.Fin;
        }
    }

    private void AppendPayload(ref byte[]? buffer, ref int length, ref uint nextSeq, bool seqKnown, in DecodedPacket packet, ReadOnlySpan<byte> payload)
    {
        // TCP: keep the stream's first bytes in order; an out-of-order or retransmitted segment is left out. Once the
        // handshake told where the stream starts, a later segment that arrives first is left out too (it would
        // otherwise be taken for the start of the stream). Data on a SYN (RFC 7413) starts at ISN+1.
        var sequence = (packet.Flags & TcpFlags.Syn) != 0 ? packet.Sequence + 1 : packet.Sequence;
        if (packet.Protocol == (byte)IpProtocol.Tcp && (length > 0 || seqKnown) && sequence != nextSeq)
        {
            return;
        }

        var cap = _options.PayloadBytes;
        var take = Math.Min(payload.Length, cap - length);
        if (buffer is null || buffer.Length < length + take)
        {
            var grown = new byte[Math.Min(cap, Math.Max(length + take, Math.Min(cap, 64)))];
            buffer?.AsSpan(0, length).CopyTo(grown);
            buffer = grown;
        }

        payload[..take].CopyTo(buffer.AsSpan(length));
        length += take;
        // Advance by the captured bytes: after a segment cut by the snap length the stream has a hole, so no later
        // segment lines up and the prefix ends where the captured bytes end.
        nextSeq = sequence + (uint)payload.Length;
    }
}
