namespace BotCapturer.Flows;

/// <summary>
/// An intrusive doubly-linked list of flows in the order they were queued (oldest first), one per idle timeout, so
/// finding the flows that timed out costs only as many steps as there are of them (the timeout queues of Argus and
/// nfdump). Queueing is lazy: a packet does not move its flow; a sweep that finds a still-active flow at the head
/// queues it again at the tail. A flow thus moves at most once per timeout instead of once per packet, which saves
/// touching two unrelated flows (two cache misses) per packet. The links live on <see cref="Flow"/> itself.
/// </summary>
internal sealed class FlowLruList
{
    public FlowLruList(long timeoutNs) => TimeoutNs = timeoutNs;

    public long TimeoutNs { get; }

    public Flow? Head { get; private set; }

    private Flow? _tail;

    public void Append(Flow flow)
    {
        flow.LruList = this;
        flow.LruPrev = _tail;
        flow.LruNext = null;
        if (_tail is null)
        {
            Head = flow;
        }
        else
        {
            _tail.LruNext = flow;
        }

        _tail = flow;
    }

    public void Remove(Flow flow)
    {
        if (flow.LruPrev is null)
        {
            Head = flow.LruNext;
        }
        else
        {
            flow.LruPrev.LruNext = flow.LruNext;
        }

        if (flow.LruNext is null)
        {
            _tail = flow.LruPrev;
        }
        else
        {
            flow.LruNext.LruPrev = flow.LruPrev;
        }

        flow.LruPrev = flow.LruNext = null;
        flow.LruList = null;
    }

    /// <summary>Puts a flow at the tail of this list (taking it out of the list it was in), queued at <paramref name="nowNs"/>.</summary>
    public void Enqueue(Flow flow, long nowNs)
    {
        flow.LruList?.Remove(flow);
        flow.QueuedNs = nowNs;
        Append(flow);
    }
}
