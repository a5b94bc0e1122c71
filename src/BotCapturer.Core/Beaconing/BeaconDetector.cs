using BotCapturer.CPlane;

namespace BotCapturer.Beaconing;

/// <summary>
/// Finds C-flows that beacon: an internal host contacting one external server and port at regular intervals, the
/// command-and-control check-in a lone bot shows without a second bot to cluster with (BotFinder, Tegeler et al.,
/// CoNEXT 2012: traces of one host to one server:port and the regularity of their start intervals). Input is the
/// C-plane's filtered flows (BotMiner §4.1.1), so only established flows from internal to external hosts count.
/// </summary>
public static class BeaconDetector
{
    /// <summary>Tests every C-flow the aggregator holds (over the whole input, not per epoch).</summary>
    public static BeaconResult Detect(CFlowAggregator aggregator, BeaconOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        return Detect(aggregator.CFlows.Select(c => new KeyValuePair<CFlowKey, IReadOnlyList<long>>(c.Key, [.. c.Value.Select(s => s.StartNs)])), options);
    }

    /// <summary>Tests C-flows given as key → flow start times (ns, any order).</summary>
    public static BeaconResult Detect(IEnumerable<KeyValuePair<CFlowKey, IReadOnlyList<long>>> cflows, BeaconOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cflows);
        options ??= BeaconOptions.Default;
        var tested = new List<(CFlowKey Key, int Flows, double Period, double Log10P)>();
        foreach (var (key, starts) in cflows)
        {
            if (starts.Count < options.MinFlows || options.ExcludedPorts.Contains(key.DestinationPort))
            {
                continue;
            }

            var sorted = starts.Order().ToArray();
            var period = (sorted[^1] - sorted[0]) / 1e9 / (sorted.Length - 1);
            tested.Add((key, sorted.Length, period, RegularityTest.Log10PValue(sorted, options.JitterFloorSeconds)));
        }

        // Bonferroni over the tested C-flows: p·m ≤ α.
        var log10M = Math.Log10(Math.Max(1, tested.Count));
        var log10Alpha = Math.Log10(options.Alpha);
        var beacons = tested
            .Where(t => t.Log10P + log10M <= log10Alpha)
            .Select(t => new Beacon(t.Key, t.Flows, t.Period, t.Log10P, -(t.Log10P + log10M)))
            .OrderByDescending(b => b.Strength).ThenBy(b => b.Key)
            .ToList();
        return new BeaconResult(tested.Count, beacons);
    }
}
