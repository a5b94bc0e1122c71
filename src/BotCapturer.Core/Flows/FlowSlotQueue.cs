namespace BotCapturer.Flows;

/// <summary>
/// The slots waiting out one idle timeout, oldest first (the timeout queues of Argus and nfdump), as a ring of
/// entries that each hold the slot's index, when it was queued and its key's hash. Queueing is lazy: a packet does not
/// move its flow; a sweep that finds a still-active flow at the head queues it again at the tail, so a flow moves at
/// most once per timeout. Leaving a queue is lazier still: an entry stays behind and goes stale when its slot's stamp
/// changes (<see cref="FlowTable"/> keeps one stamp per slot and bumps it whenever the slot is queued or freed).
/// <para>
/// A ring instead of a list linked through the slots: a sweep reads the entries in order, so it can prefetch the
/// slots and index entries of the flows it will evict a few entries later, where a linked list made every step wait
/// for the cache miss of the one before, and taking a slot off a queue no longer touches its two neighbours.
/// </para>
/// </summary>
internal sealed class FlowSlotQueue(sbyte id, long timeoutNs)
{
    private Entry[] _ring = new Entry[256];
    private int _head;

    public sbyte Id { get; } = id;

    public long TimeoutNs { get; } = timeoutNs;

    /// <summary>Entries in the ring, stale ones included.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Entries whose slot is still queued here (the table counts them down as slots leave); decides whether a full
    /// ring is compacted or grown, so stale entries never take more room than live ones.
    /// </summary>
    public int Live { get; set; }

    /// <summary>The entry <paramref name="ahead"/> places behind the head (less than <see cref="Count"/>).</summary>
    public ref readonly Entry Peek(int ahead) => ref _ring[(_head + ahead) & (_ring.Length - 1)];

    /// <summary>Drops the head entry.</summary>
    public void Dequeue()
    {
        _head = (_head + 1) & (_ring.Length - 1);
        Count--;
    }

    /// <summary>Puts slot <paramref name="slot"/> at the tail with its current <paramref name="stamp"/>.</summary>
    /// <param name="slot">The slot's index.</param>
    /// <param name="hash">Its key's <see cref="FlowIndex.Hash"/>.</param>
    /// <param name="stamp">The slot's stamp after it was bumped for this queueing.</param>
    /// <param name="nowNs">The time it is queued at.</param>
    /// <param name="stamps">Every slot's stamp, to tell stale entries when the ring is full.</param>
    public void Enqueue(int slot, ulong hash, uint stamp, long nowNs, uint[] stamps)
    {
        if (Count == _ring.Length)
        {
            MakeRoom(stamps);
        }

        _ring[(_head + Count) & (_ring.Length - 1)] = new Entry(nowNs, hash, slot, stamp);
        Count++;
        Live++;
    }

    /// <summary>Empties the queue (every slot was freed).</summary>
    public void Clear()
    {
        _head = 0;
        Count = 0;
        Live = 0;
    }

    private void MakeRoom(uint[] stamps)
    {
        var mask = _ring.Length - 1;
        if (Live <= _ring.Length / 2)
        {
            // Mostly stale: squeeze the live entries together in place, in order, behind the head.
            var kept = 0;
            for (var k = 0; k < Count; k++)
            {
                var entry = _ring[(_head + k) & mask];
                if (stamps[entry.Slot] == entry.Stamp)
                {
                    _ring[(_head + kept++) & mask] = entry;
                }
            }

            Count = kept;
            Live = kept;
        }

        if (Count > _ring.Length / 2)
        {
            var grown = new Entry[_ring.Length * 2];
            for (var k = 0; k < Count; k++)
            {
                grown[k] = _ring[(_head + k) & mask];
            }

            _ring = grown;
            _head = 0;
        }
    }

    /// <summary>
    /// One queueing of a slot. The 32-bit stamp is per slot: a stale entry could be taken for a live one only if its
    /// slot were queued or freed 2^32 times while the entry waits out one timeout.
    /// </summary>
    internal readonly record struct Entry(long QueuedNs, ulong Hash, int Slot, uint Stamp);
}
