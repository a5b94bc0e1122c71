using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Graph;

namespace BotCapturer.Engine.Analysis.Graph;

/// <summary>
/// Feeds the flow stream into a <see cref="HostGraphBuilder"/>: each flow adds its packets (or 1, or its bytes)
/// to the edge between its two hosts. The pipeline calls a sink from one thread at a time, so no locking.
/// </summary>
public sealed class HostGraphSink : IFlowSink
{
    private readonly EdgeWeightKind _weight;

    /// <summary>A sink filling <paramref name="builder"/> (a new one when null).</summary>
    public HostGraphSink(EdgeWeightKind weight = EdgeWeightKind.Packets, HostGraphBuilder? builder = null)
    {
        _weight = weight;
        Builder = builder ?? new HostGraphBuilder();
    }

    /// <summary>The graph so far; complete once <see cref="CompleteAsync"/> has been called.</summary>
    public HostGraphBuilder Builder { get; }

    /// <summary>Flows seen.</summary>
    public long Flows { get; private set; }

    /// <summary>Only host ids and edge weights are kept.</summary>
    public bool KeepsFlows => false;

    public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        var flows = FlowBatch.AsSpan(batch);
        for (var i = 0; i < flows.Length; i++)
        {
            if (i + FlowBatch.PrefetchDistance < flows.Length)
            {
                var ahead = flows[i + FlowBatch.PrefetchDistance];
                Builder.Prefetch(ahead.Source, ahead.Destination);
            }

            var flow = flows[i];
            var weight = _weight switch
            {
                EdgeWeightKind.Flows => 1,
                EdgeWeightKind.Bytes => flow.TotalBytes,
                _ => flow.TotalPackets,
            };
            Builder.Add(flow.Source, flow.Destination, weight);
            Flows++;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
