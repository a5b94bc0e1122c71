using BotCapturer.CPlane;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Analysis.CPlane;

/// <summary>The flow stream's adapter to the C-flow aggregator (DESIGN.md: FlowBatch ─► C-flow aggregate).</summary>
public sealed class CFlowSink : IFlowSink
{
    public CFlowSink(CPlaneOptions options) => Aggregator = new CFlowAggregator(options);

    /// <summary>The C-flows so far; complete once the pipeline has called <see cref="CompleteAsync"/>.</summary>
    public CFlowAggregator Aggregator { get; }

    /// <summary>The aggregator keeps a small sample of values per flow, never the flow.</summary>
    public bool KeepsFlows => false;

    public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        foreach (var flow in FlowBatch.AsSpan(batch))
        {
            Aggregator.Add(flow);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Quantizes and clusters what the sink has collected (the C-plane's result).</summary>
    public CPlaneResult Analyze(CancellationToken cancellationToken) =>
        CPlaneClusterer.Cluster(CFlowVectorizer.Vectorize(Aggregator), Aggregator.Options, cancellationToken);
}
