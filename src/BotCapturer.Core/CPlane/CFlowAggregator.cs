using System.Runtime.InteropServices;
using BotCapturer.Flows;

namespace BotCapturer.CPlane;

/// <summary>
/// Groups filtered flows into C-flows (BotMiner §4.1.1) and keeps each flow's features until quantization.
/// Mergeable: aggregators fed from different files or workers combine with <see cref="Merge"/>, and the result is
/// the same whatever the order (vectorization sorts). Memory: one <see cref="FlowSample"/> (24 bytes) per kept flow
/// plus about 100 bytes per C-flow (dictionary entry and list).
/// </summary>
public sealed class CFlowAggregator
{
    private readonly Dictionary<CFlowKey, List<FlowSample>> _cflows = [];
    private readonly long[] _verdicts = new long[Enum.GetValues<FlowVerdict>().Length];

    public CFlowAggregator(CPlaneOptions options) => Options = options;

    public CPlaneOptions Options { get; }

    /// <summary>C-flows so far (before they are split by epoch).</summary>
    public int CFlowCount => _cflows.Count;

    /// <summary>Flows kept so far.</summary>
    public long FlowCount => _verdicts[(int)FlowVerdict.Kept];

    /// <summary>Flows that met the given verdict.</summary>
    public long Count(FlowVerdict verdict) => _verdicts[(int)verdict];

    internal IReadOnlyDictionary<CFlowKey, List<FlowSample>> CFlows => _cflows;

    /// <summary>Filters a flow and, when kept, adds its features to its C-flow.</summary>
    public FlowVerdict Add(Flow flow)
    {
        var verdict = CFlowFilter.Check(flow, Options);
        _verdicts[(int)verdict]++;
        if (verdict == FlowVerdict.Kept)
        {
            AddSample(CFlowKey.Of(flow), FlowSample.From(flow.StartNs, flow.DurationNs, flow.TotalPackets, flow.TotalBytes));
        }

        return verdict;
    }

    /// <summary>Adds an already filtered flow's features (stored flows, tests, benchmarks).</summary>
    public void Add(CFlowKey key, FlowSample sample)
    {
        _verdicts[(int)FlowVerdict.Kept]++;
        AddSample(key, sample);
    }

    /// <summary>Moves every C-flow of <paramref name="other"/> into this one (its counters too).</summary>
    public void Merge(CFlowAggregator other)
    {
        foreach (var (key, samples) in other._cflows)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_cflows, key, out var exists);
            if (exists)
            {
                list!.AddRange(samples);
            }
            else
            {
                list = [.. samples];
            }
        }

        for (var i = 0; i < _verdicts.Length; i++)
        {
            _verdicts[i] += other._verdicts[i];
        }
    }

    private void AddSample(CFlowKey key, FlowSample sample)
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_cflows, key, out var exists);
        if (!exists)
        {
            list = new List<FlowSample>(1);
        }

        list!.Add(sample);
    }
}
