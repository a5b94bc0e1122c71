using BotCapturer.Flows;

namespace BotCapturer.Engine.Pipeline;

/// <summary>
/// A consumer at the end of the flow stream (a writer, an aggregator, a bulk loader). The pipeline calls it from
/// one thread at a time, in a bounded block of its own, so an implementation needs no locking.
/// </summary>
public interface IFlowSink
{
    /// <summary>A batch of finished flows; the flows are shared with other sinks and must not be changed.</summary>
    ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the sink holds on to flows (or anything they reference) after <see cref="ConsumeAsync"/> returned. A
    /// sink that formats or counts them and lets go says false; when every sink of a run does, the run reuses the flow
    /// objects (<see cref="FlowRecycler"/>).
    /// </summary>
    bool KeepsFlows => true;

    /// <summary>No more flows will come. Other sinks of the run may be ending at the same time.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
