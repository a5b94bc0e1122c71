using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Vote;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>Passes on only flows between two hosts (<see cref="HostAddresses.IsHost"/>): the host graph's input in <c>run</c>.</summary>
public sealed class HostFlowFilter(IFlowSink inner) : IFlowSink
{
    private readonly List<Flow> _kept = [];

    /// <summary>Hosts seen only in flows that were left out (a host that only sent multicast still gets a verdict).</summary>
    public HashSet<string> OtherHosts { get; } = new(StringComparer.Ordinal);

    /// <summary>Flows left out (multicast, broadcast or unspecified endpoint).</summary>
    public long Dropped { get; private set; }

    /// <summary>As its inner sink; the list of kept flows is refilled for every batch and only passed on during the call.</summary>
    public bool KeepsFlows => inner.KeepsFlows;

    public async ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _kept.Clear();
        foreach (var flow in FlowBatch.AsSpan(batch))
        {
            if (HostAddresses.IsHost(flow.Source) && HostAddresses.IsHost(flow.Destination))
            {
                _kept.Add(flow);
            }
            else
            {
                Dropped++;
                foreach (var end in (ReadOnlySpan<Net.HostAddress>)[flow.Source, flow.Destination])
                {
                    if (HostAddresses.IsHost(end))
                    {
                        OtherHosts.Add(end.ToString());
                    }
                }
            }
        }

        if (_kept.Count > 0)
        {
            await inner.ConsumeAsync(_kept, cancellationToken);
        }
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);
}
