using BotCapturer.APlane;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Analysis.APlane;

/// <summary>The A-plane at the end of the flow stream: feeds every flow to an <see cref="APlaneAnalyzer"/> and decides at completion.</summary>
public sealed class ActivitySink : IFlowSink
{
    private readonly APlaneAnalyzer _analyzer;

    public ActivitySink(APlaneOptions? options = null) => _analyzer = new APlaneAnalyzer(options);

    /// <summary>The activities and A-clusters; empty until <see cref="CompleteAsync"/> has run.</summary>
    public APlaneResult Result { get; private set; } = APlaneResult.Empty;

    /// <summary>Flows seen.</summary>
    public long FlowCount => _analyzer.FlowCount;

    /// <summary>The detectors keep values copied out of flows (times, counts, copied request lines), never a flow or its payload array.</summary>
    public bool KeepsFlows => false;

    public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        var flows = FlowBatch.AsSpan(batch);
        for (var i = 0; i < flows.Length; i++)
        {
            if (i + FlowBatch.PrefetchDistance < flows.Length)
            {
                _analyzer.Prefetch(flows[i + FlowBatch.PrefetchDistance]);
            }

            _analyzer.Observe(flows[i]);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Result = _analyzer.Complete();
        return ValueTask.CompletedTask;
    }
}
