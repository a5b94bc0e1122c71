namespace BotCapturer.Flows;

/// <summary>
/// An intrusive doubly-linked list of flows in order of last activity (least recent first), one per idle timeout, so
/// finding the flows that timed out costs only as many steps as there are of them (the timeout queues of Argus and
/// nfdump's flow tree). The links live on <see cref="Flow"/> itself: moving a flow to the tail allocates nothing.
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

    /// <summary>Marks a flow as just used: moved to the tail (or into this list from another).</summary>
    public void Touch(Flow flow)
    {
        if (flow.LruList == this && _tail == flow)
        {
            return;
        }

        flow.LruList?.Remove(flow);
        Append(flow);
    }
}
