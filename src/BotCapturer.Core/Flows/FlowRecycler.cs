using System.Collections.Concurrent;

namespace BotCapturer.Flows;

/// <summary>
/// Hands <see cref="Flow"/> objects back to the flow tables once every consumer is done with them, so a run whose
/// consumers only write flows out (<c>botengine flows</c>) builds millions of flows from a few batches' worth of
/// objects instead of allocating one per flow: allocation, the clearing of new memory and the collections that copied
/// the batches in flight were ~10 % of that command's CPU. Only whoever knows that no consumer keeps a flow may return
/// it. Thread-safe: tables take from it on their threads, consumers return on theirs.
/// </summary>
public sealed class FlowRecycler
{
    private readonly ConcurrentQueue<IReadOnlyList<Flow>> _returned = new();

    /// <summary>Returns a batch whose flows nobody uses any more; the batch list itself is not kept beyond its flows.</summary>
    public void Return(IReadOnlyList<Flow> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count > 0)
        {
            _returned.Enqueue(batch);
        }
    }

    /// <summary>Takes a returned batch, if any.</summary>
    internal bool TryTake(out IReadOnlyList<Flow> batch) => _returned.TryDequeue(out batch!);
}
