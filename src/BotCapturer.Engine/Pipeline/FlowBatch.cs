using System.Runtime.InteropServices;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Pipeline;

/// <summary>Reading a sink's batch without its interface enumerator.</summary>
public static class FlowBatch
{
    /// <summary>
    /// How many flows ahead a sink prefetches the table entries it will look up (<see cref="Graph.HostTable.Prefetch"/>):
    /// far enough for a cache miss (about 100 ns in this VM) to complete while the flows in between are handled.
    /// </summary>
    public const int PrefetchDistance = 8;

    /// <summary>
    /// The batch's flows as a span. The pipeline hands every sink a <see cref="List{T}"/>; a <c>foreach</c> over it as
    /// an <see cref="IReadOnlyList{T}"/> boxes an enumerator and makes two interface calls per flow, for every flow of
    /// every sink (1.6 % of `run`'s CPU on the mix, docs/performance.md). Any other list is copied.
    /// </summary>
    public static ReadOnlySpan<Flow> AsSpan(IReadOnlyList<Flow> batch) => batch switch
    {
        List<Flow> list => CollectionsMarshal.AsSpan(list),
        Flow[] array => array,
        _ => batch.ToArray(),
    };
}
