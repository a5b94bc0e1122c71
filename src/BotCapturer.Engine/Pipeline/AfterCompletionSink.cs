using BotCapturer.Flows;

namespace BotCapturer.Engine.Pipeline;

/// <summary>
/// Passes everything to an inner sink and, once the inner sink has completed, calls <c>then</c>: the stage that reads
/// the sink's aggregate can start while the run's other sinks are still ending (the A-plane's final passes take a
/// while after the last flow; the graph and the C-plane need not wait for them).
/// </summary>
public sealed class AfterCompletionSink(IFlowSink inner, Action<CancellationToken> then) : IFlowSink
{
    public bool KeepsFlows => inner.KeepsFlows;

    public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken) => inner.ConsumeAsync(batch, cancellationToken);

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await inner.CompleteAsync(cancellationToken);
        then(cancellationToken);
    }
}
