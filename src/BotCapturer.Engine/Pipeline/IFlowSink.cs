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

    /// <summary>No more flows will come.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
