namespace BotCapturer.Flows;

/// <summary>
/// A doubly-linked queue of <see cref="FlowSlot"/>s in the order they were queued (oldest first), one per idle timeout,
/// so finding the flows that timed out costs only as many steps as there are of them (the timeout queues of Argus and
/// nfdump). Queueing is lazy: a packet does not move its flow; a sweep that finds a still-active flow at the head
/// queues it again at the tail. A flow thus moves at most once per timeout instead of once per packet, which saves
/// touching two unrelated slots (two cache misses) per packet. The links are slot indexes kept in the slots.
/// </summary>
internal sealed class FlowSlotQueue(sbyte id, long timeoutNs)
{
    public sbyte Id { get; } = id;

    public long TimeoutNs { get; } = timeoutNs;

    /// <summary>The oldest slot, or -1 when the queue is empty.</summary>
    public int Head { get; private set; } = -1;

    private int _tail = -1;

    /// <summary>Puts slot <paramref name="i"/> at the tail (taking it off the queue it was on), queued at <paramref name="nowNs"/>.</summary>
    public void Enqueue(FlowSlot[] slots, FlowSlotQueue[] queues, int i, long nowNs)
    {
        ref var slot = ref slots[i];
        if (slot.Queue >= 0)
        {
            queues[slot.Queue].Remove(slots, i);
        }

        slot.QueuedNs = nowNs;
        slot.Queue = Id;
        slot.Previous = _tail;
        slot.Next = -1;
        if (_tail < 0)
        {
            Head = i;
        }
        else
        {
            slots[_tail].Next = i;
        }

        _tail = i;
    }

    public void Remove(FlowSlot[] slots, int i)
    {
        ref var slot = ref slots[i];
        if (slot.Previous < 0)
        {
            Head = slot.Next;
        }
        else
        {
            slots[slot.Previous].Next = slot.Next;
        }

        if (slot.Next < 0)
        {
            _tail = slot.Previous;
        }
        else
        {
            slots[slot.Next].Previous = slot.Previous;
        }

        slot.Previous = slot.Next = -1;
        slot.Queue = -1;
    }
}
