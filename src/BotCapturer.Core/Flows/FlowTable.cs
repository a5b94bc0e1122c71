using System.Runtime.CompilerServices;
using BotCapturer.Collections;
using BotCapturer.Decode;

namespace BotCapturer.Flows;

/// <summary>
/// Builds bidirectional flows from the packets of one capture file, in file order. Time is the packets' own
/// time (never the wall clock), so results do not depend on when or how fast the file is read. Finished flows
/// (closed, idle, reused) accumulate in <see cref="Completed"/> for the caller to take in batches; memory
/// holds only active flows, because idle ones are evicted as capture time advances. Open flows live in a reused
/// array of <see cref="FlowSlot"/>s; a <see cref="Flow"/> object is made only when a flow ends.
/// </summary>
public sealed class FlowTable
{
    private const int Tcp = 0, Udp = 1, Icmp = 2, Other = 3, ClosedQueue = 4;

    /// <summary>
    /// How many queue entries ahead of the one it evicts a sweep starts loading a slot and its index entry: enough to
    /// cover a miss to memory with the work of evicting the flows in between.
    /// </summary>
    private const int ExpiryPrefetchDistance = 8;

    /// <summary>
    /// How many packets of a batch ahead <see cref="AddBatch"/> looks a packet up, and how many ahead it starts loading
    /// the packet's open flow (the index entry the lookup loaded tells which); the lookups in flight are kept in a ring
    /// of <see cref="LookRing"/> (a power of two), which is larger than <see cref="LookAhead"/> so that none is
    /// overwritten before its packet is added.
    /// </summary>
    private const int LookAhead = 12, FetchAhead = 5, LookRing = 16;

    /// <summary>How many new flows ahead a free slot starts loading.</summary>
    private const int FreePrefetchDistance = 4;

    /// <summary>How many completed flows ahead a recycled <see cref="Flow"/> object starts loading.</summary>
    private const int SparePrefetchDistance = 4;

    private readonly FlowOptions _options;
    private readonly FlowIndex _active = new();
    private readonly List<int> _ending = [];
    private readonly List<Flow> _completed = new(4096);
    private readonly long _closeLingerNs;
    private readonly FlowSlotQueue[] _queues;
    private readonly long _sweepIntervalNs;
    private readonly long _longestTimeoutNs;
    private readonly PayloadBuffers _payloads;
    private List<Flow>? _spare;
    private int _spareLeft;
    private FlowSlot[] _slots = new FlowSlot[1024];

    /// <summary>Each slot's queue stamp, bumped whenever it is queued or freed (see <see cref="FlowSlotQueue"/>): a small
    /// array beside the slots, so that telling a stale queue entry costs no miss on a slot.</summary>
    private uint[] _stamps = new uint[1024];
    private int _used;

    /// <summary>
    /// Freed slots, the last freed on top. A stack of indices rather than a list linked through the slots: the next few
    /// free slots are known without touching any of them, so the one a new flow will take a few flows later is loaded
    /// ahead (<see cref="FreePrefetchDistance"/>).
    /// </summary>
    private int[] _free = new int[1024];
    private int _freeCount;
    private long _firstNs = long.MinValue;
    private long _nowNs = long.MinValue;
    private long _lastSweepNs;

    public FlowTable(FlowOptions? options = null)
    {
        _options = options ?? FlowOptions.Default;
        _closeLingerNs = _options.CloseLinger.Ticks * 100;
        _sweepIntervalNs = Math.Max(1, _options.SweepInterval.Ticks * 100);
        _queues =
        [
            new FlowSlotQueue(Tcp, _options.TimeoutNs(6)),
            new FlowSlotQueue(Udp, _options.TimeoutNs(17)),
            new FlowSlotQueue(Icmp, _options.TimeoutNs(1)),
            new FlowSlotQueue(Other, _options.TimeoutNs(0)),
            new FlowSlotQueue(ClosedQueue, _closeLingerNs),
        ];
        _longestTimeoutNs = _queues.Max(q => q.TimeoutNs);
        _payloads = new PayloadBuffers(_options.PayloadBytes);
    }

    /// <summary>
    /// Where finished flows come back once nobody uses them (see <see cref="FlowRecycler"/>); the table fills those
    /// objects before it allocates new ones. Null: every flow is a new object.
    /// </summary>
    public FlowRecycler? Recycler { get; init; }

    /// <summary>Flows that have ended and not been taken yet.</summary>
    public List<Flow> Completed => _completed;

    /// <summary>Times capture time went back by more than the longest idle timeout (each ended every open flow).</summary>
    public long TimeJumps { get; private set; }

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
    public void Add(in DecodedPacket packet, long timestampNs, int wireLength, ReadOnlySpan<byte> frame) =>
        Add(Look(packet), packet, timestampNs, wireLength, frame);

    /// <summary>
    /// Adds a batch of decoded packets, in order, as <see cref="Add(in DecodedPacket, long, int, ReadOnlySpan{byte})"/>
    /// would one by one, with their payload offsets into <paramref name="frames"/>. Each packet is looked up
    /// <see cref="LookAhead"/> packets before it is added and its open flow starts loading <see cref="FetchAhead"/>
    /// packets before: a large table's index entries and slots (tens of megabytes of open flows) are cache misses, and
    /// this way several are on their way at once instead of one after another.
    /// </summary>
    public void AddBatch(ReadOnlySpan<PacketRecord> records, ReadOnlySpan<byte> frames)
    {
        Span<PacketLookup> looked = stackalloc PacketLookup[LookRing];
        for (var i = 0; i < Math.Min(LookAhead, records.Length); i++)
        {
            looked[i] = Look(records[i].Packet);
        }

        for (var i = 0; i < records.Length; i++)
        {
            if (i + LookAhead < records.Length)
            {
                looked[(i + LookAhead) & (LookRing - 1)] = Look(records[i + LookAhead].Packet);
            }

            if (i + FetchAhead < records.Length)
            {
                PrefetchFlow(in looked[(i + FetchAhead) & (LookRing - 1)]);
            }

            ref readonly var r = ref records[i];
            Add(in looked[i & (LookRing - 1)], r.Packet, r.TimestampNs, r.WireLength, frames);
        }
    }

    /// <summary>
    /// The key and hash of <paramref name="packet"/>, with its index entry starting to load, so that the packet can be
    /// looked up a few packets before it is added. Pass the result to <see cref="Add(in PacketLookup, in DecodedPacket, long, int, ReadOnlySpan{byte})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal PacketLookup Look(in DecodedPacket packet)
    {
        var key = FlowKey.FromPacket(packet, out var aToB);
        var hash = FlowIndex.Hash(key);
        _active.Prefetch(hash);
        return new PacketLookup(key, hash, aToB);
    }

    /// <summary>
    /// Starts loading the open flow a looked-up packet belongs to, if its index entry (loaded by <see cref="Look"/>
    /// a few packets earlier) names one at its home position. Only a hint: <see cref="Add(in PacketLookup, in DecodedPacket, long, int, ReadOnlySpan{byte})"/>
    /// finds the flow itself, whatever changed in between.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PrefetchFlow(in PacketLookup lookup)
    {
        var slot = _active.HomeSlot(lookup.Hash);
        if ((uint)slot < (uint)_used)
        {
            CachePrefetch.Whole(ref _slots[slot]);
        }
    }

    /// <summary>Adds one decoded packet, looked up by <see cref="Look"/>.</summary>
    internal void Add(in PacketLookup lookup, in DecodedPacket packet, long timestampNs, int wireLength, ReadOnlySpan<byte> frame)
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
        else if (_nowNs - timestampNs > _longestTimeoutNs)
        {
            StartSegment(timestampNs);
        }

        var key = lookup.Key;
        var aToB = lookup.AToB;
        var hash = lookup.Hash;
        var index = _active.Find(key, hash, _slots, out var position);
        var exists = index >= 0;
        var isTcp = packet.Protocol == (byte)IpProtocol.Tcp;
        var pureSyn = isTcp && (packet.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;
        if (exists)
        {
            ref var old = ref _slots[index];
            var idle = timestampNs - old.EndNs > _options.TimeoutNs(packet.Protocol);
            var reused = old.Closed && (pureSyn || timestampNs - old.EndNs > _closeLingerNs);
            if (idle || reused)
            {
                old.End = idle && !old.Closed ? FlowEnd.Idle : old.End == FlowEnd.EndOfInput ? FlowEnd.Reused : old.End;
                Complete(index, mayContinueLater: false);
                exists = false;
            }
        }

        if (!exists)
        {
            // The initiator is the sender of the first SYN, else of the first packet; a SYN-ACK seen first
            // means the SYN was missed, so its receiver is the initiator.
            var synAckFirst = isTcp && (packet.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack);
            var replaced = index >= 0;
            index = Allocate();
            // Filled in place: a free slot is all zero but for its queue (Complete clears it, a new
            // one is fresh from the array), where assigning a whole new FlowSlot built a 190-byte copy on the stack and
            // copied it over with a write barrier for each of its two array references.
            ref var fresh = ref _slots[index];
            fresh.Key = key;
            fresh.SourceIsA = synAckFirst ? !aToB : aToB;
            fresh.StartNs = timestampNs;
            fresh.EndNs = timestampNs;
            fresh.MayContinueEarlier = !pureSyn && timestampNs - _firstNs < _options.TimeoutNs(packet.Protocol);
            fresh.Queue = -1;
            if (replaced)
            {
                _active.Replace(position, index);
            }
            else
            {
                _active.Insert(position, hash, index);
            }
        }

        var i = index;
        ref var slot = ref _slots[i];
        Update(ref slot, packet, aToB == slot.SourceIsA, timestampNs, wireLength, frame);
        var queue = slot.Closed ? ClosedQueue : QueueFor(packet.Protocol);
        if (slot.Queue != queue)
        {
            Enqueue(i, hash, queue, timestampNs);
        }
    }

    /// <summary>Puts slot <paramref name="i"/> at the tail of queue <paramref name="queue"/>, leaving the one it was on.</summary>
    private void Enqueue(int i, ulong hash, int queue, long nowNs)
    {
        ref var slot = ref _slots[i];
        if (slot.Queue >= 0)
        {
            _queues[slot.Queue].Live--;
        }

        slot.Queue = (sbyte)queue;
        _queues[queue].Enqueue(i, hash, ++_stamps[i], nowNs, _stamps);
    }

    private static int QueueFor(byte protocol) => protocol switch
    {
        (byte)IpProtocol.Tcp => Tcp,
        (byte)IpProtocol.Udp => Udp,
        (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6 => Icmp,
        _ => Other,
    };

    /// <summary>Ends the file: every open flow is completed and marked as possibly continuing in a later file.</summary>
    public void Flush() => EndAll(fileEnds: true);

    /// <summary>
    /// Time went back by more than any idle timeout (captures concatenated out of order, or 32-bit pcap seconds
    /// wrapped past 2106 by a time shift). No open flow can go on across such a jump, and capture time would not
    /// pass the earlier maximum again to evict anything, so open flows would pile up until the end of the file and
    /// later packets of the same key would join flows from another time. Instead every open flow ends here (idle,
    /// as nothing reaches it within its timeout), and the clock restarts as at the start of a file.
    /// </summary>
    private void StartSegment(long timestampNs)
    {
        EndAll(fileEnds: false);
        TimeJumps++;
        _nowNs = timestampNs;
        _firstNs = timestampNs;
        _lastSweepNs = timestampNs;
    }

    /// <summary>
    /// Completes every open flow: at the end of the file the open ones may go on in a later file; after a jump in time
    /// they went idle.
    /// </summary>
    private void EndAll(bool fileEnds)
    {
        // In order of first packet (then slot), so that the flows of a file's end come out in a stable, meaningful order.
        _ending.Clear();
        _active.CopySlotsTo(_ending);
        _ending.Sort((x, y) => _slots[x].StartNs != _slots[y].StartNs ? _slots[x].StartNs.CompareTo(_slots[y].StartNs) : x.CompareTo(y));
        foreach (var i in _ending)
        {
            var open = !_slots[i].Closed;
            if (open && !fileEnds)
            {
                _slots[i].End = FlowEnd.Idle;
            }

            Complete(i, mayContinueLater: open && fileEnds);
        }

        _active.Clear();
        foreach (var queue in _queues)
        {
            queue.Clear();
        }
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            var i = _free[--_freeCount];
            if (_freeCount >= FreePrefetchDistance)
            {
                // The slot of the new flow after a few more, freed long ago perhaps: load it while those are handled.
                CachePrefetch.Whole(ref _slots[_free[_freeCount - FreePrefetchDistance]]);
            }

            return i;
        }

        if (_used == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _stamps, _slots.Length);
            Array.Resize(ref _free, _slots.Length);
        }

        return _used++;
    }

    /// <summary>Moves slot <paramref name="i"/>'s flow to <see cref="Completed"/> and frees the slot (the caller updates <see cref="_active"/>).</summary>
    private void Complete(int i, bool mayContinueLater)
    {
        ref var slot = ref _slots[i];
        if (slot.Queue >= 0)
        {
            _queues[slot.Queue].Live--;
        }

        _stamps[i]++;

        if (_spareLeft == 0 && Recycler is not null && Recycler.TryTake(out var returned))
        {
            // Sinks get (and return) lists; read as one, a spare flow costs no interface call.
            (_spare, _spareLeft) = (returned as List<Flow> ?? [.. returned], returned.Count);
        }

        if (_spareLeft > 0)
        {
            var flow = _spare![--_spareLeft];
            if (_spareLeft >= SparePrefetchDistance)
            {
                // Recycled flows were last read by a sink, on another core perhaps: load the one a few flows later.
                _spare[_spareLeft - SparePrefetchDistance].Prefetch();
            }

            _payloads.Return(flow.SourcePayload);
            _payloads.Return(flow.DestinationPayload);
            slot.CopyTo(flow, mayContinueLater);
            _completed.Add(flow);
        }
        else
        {
            _completed.Add(slot.ToFlow(mayContinueLater));
        }

        slot = default;
        slot.Queue = -1;
        _free[_freeCount++] = i;
    }

    private void Sweep()
    {
        _lastSweepNs = _nowNs;
        Expire(_queues[ClosedQueue]);
        Expire(_queues[Tcp]);
        Expire(_queues[Udp]);
        Expire(_queues[Icmp]);
        Expire(_queues[Other]);
    }

    /// <summary>
    /// Evicts from the head of the queue while flows are idle past the queue's timeout; a flow at the head that saw
    /// packets since it was queued goes back to the tail. Flows queued within the last timeout cannot be idle past it.
    /// Stale entries (of slots that left the queue) are dropped wherever they are met, as if they had never been there.
    /// </summary>
    private void Expire(FlowSlotQueue queue)
    {
        while (queue.Count > 0)
        {
            var (queuedNs, hash, i, stamp) = queue.Peek(0);
            if (_stamps[i] != stamp)
            {
                queue.Dequeue();
                continue;
            }

            if (_nowNs - queuedNs <= queue.TimeoutNs)
            {
                break;
            }

            if (queue.Count > ExpiryPrefetchDistance)
            {
                ref readonly var ahead = ref queue.Peek(ExpiryPrefetchDistance);
                CachePrefetch.Whole(ref _slots[ahead.Slot]);
                _active.Prefetch(ahead.Hash);
            }

            queue.Dequeue();
            queue.Live--;
            ref var slot = ref _slots[i];
            slot.Queue = -1;
            if (_nowNs - slot.EndNs <= queue.TimeoutNs)
            {
                Enqueue(i, hash, queue.Id, _nowNs);
                continue;
            }

            if (!slot.Closed)
            {
                slot.End = FlowEnd.Idle;
            }

            _active.Remove(hash, i);
            Complete(i, mayContinueLater: false);
        }
    }

    private void Update(ref FlowSlot flow, in DecodedPacket packet, bool fromSource, long timestampNs, int wireLength, ReadOnlySpan<byte> frame)
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
                AppendPayload(ref flow.SourcePayload, ref flow.SourcePayloadLength, ref flow.SourceNextSeq, flow.SourceSeqKnown, packet, payload);
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
                AppendPayload(ref flow.DestinationPayload, ref flow.DestinationPayloadLength, ref flow.DestinationNextSeq, flow.DestinationSeqKnown, packet, payload);
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
            var grown = _payloads.Rent(length + take);
            buffer?.AsSpan(0, length).CopyTo(grown);
            _payloads.Return(buffer);
            buffer = grown;
        }

        payload[..take].CopyTo(buffer.AsSpan(length));
        length += take;
        // Advance by the captured bytes: after a segment cut by the snap length the stream has a hole, so no later
        // segment lines up and the prefix ends where the captured bytes end.
        nextSeq = sequence + (uint)payload.Length;
    }
}

/// <summary>A packet's flow key, its hash and its direction, computed once by <see cref="FlowTable.Look"/>.</summary>
internal readonly record struct PacketLookup(FlowKey Key, ulong Hash, bool AToB);
