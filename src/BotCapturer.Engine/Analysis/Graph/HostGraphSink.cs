using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Graph;
using BotCapturer.Net;
using BotCapturer.Vote;

namespace BotCapturer.Engine.Analysis.Graph;

/// <summary>
/// Feeds the flow stream into a <see cref="HostGraphBuilder"/>: each flow adds its packets (or 1, or its bytes)
/// to the edge between its two hosts. The pipeline calls a sink from one thread at a time, so no locking.
/// </summary>
public sealed class HostGraphSink : IFlowSink
{
    private readonly EdgeWeightKind _weight;
    private readonly bool _hostsOnly;
    private readonly HashSet<HostAddress> _otherHosts = [];

    /// <summary>
    /// A sink filling <paramref name="builder"/> (a new one when null). With <paramref name="hostsOnly"/>, flows with
    /// an end that is not a host (<see cref="HostAddresses.IsHost"/>: multicast, broadcast, unspecified) are left out
    /// and counted, as <c>run</c>'s graph wants; they are told apart in the same pass that adds the others.
    /// </summary>
    public HostGraphSink(EdgeWeightKind weight = EdgeWeightKind.Packets, HostGraphBuilder? builder = null, bool hostsOnly = false)
    {
        _weight = weight;
        _hostsOnly = hostsOnly;
        Builder = builder ?? new HostGraphBuilder();
    }

    /// <summary>The graph so far; complete once <see cref="CompleteAsync"/> has been called.</summary>
    public HostGraphBuilder Builder { get; }

    /// <summary>Flows added to the graph.</summary>
    public long Flows { get; private set; }

    /// <summary>Flows left out (multicast, broadcast or unspecified end), with hostsOnly.</summary>
    public long Dropped { get; private set; }

    /// <summary>Hosts seen only in flows that were left out (a host that only sent multicast still gets a verdict).</summary>
    public IEnumerable<string> OtherHosts => _otherHosts.Select(static h => h.ToString());

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
            var (source, destination) = (flow.Source, flow.Destination);
            if (_hostsOnly && !(HostAddresses.IsHost(source) && HostAddresses.IsHost(destination)))
            {
                Dropped++;
                AddIfHost(source);
                AddIfHost(destination);
                continue;
            }

            var weight = _weight switch
            {
                EdgeWeightKind.Flows => 1,
                EdgeWeightKind.Bytes => flow.TotalBytes,
                _ => flow.TotalPackets,
            };
            Builder.Add(source, destination, weight);
            Flows++;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private void AddIfHost(HostAddress address)
    {
        if (HostAddresses.IsHost(address))
        {
            _otherHosts.Add(address);
        }
    }
}
