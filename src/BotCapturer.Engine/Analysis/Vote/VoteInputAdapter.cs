using BotCapturer.APlane;
using BotCapturer.Beaconing;
using BotCapturer.CPlane;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Graph;
using BotCapturer.Vote;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>Turns the three planes' results into the voting step's plain inputs (hosts as address text).</summary>
public static class VoteInputAdapter
{
    /// <summary>The voting inputs of one analysis.</summary>
    public static VoteInputs From(GraphScores graph, CPlaneResult cplane, APlaneResult aplane, IEnumerable<string>? otherHosts = null, BeaconResult? beacons = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(cplane);
        ArgumentNullException.ThrowIfNull(aplane);
        // One pass over the ranked hosts fills every per-host table (tens of thousands of hosts after a large capture).
        var scores = new Dictionary<string, double>(graph.Count, StringComparer.Ordinal);
        var evenness = new Dictionary<string, double>(graph.Count, StringComparer.Ordinal);
        var egonetOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in graph.Ranked)
        {
            scores.Add(s.Host, s.Score);
            evenness.Add(s.Host, s.Evenness);
            if (s.EgonetOf is not null)
            {
                egonetOf.Add(s.Host, s.EgonetOf);
            }
        }

        var anomalous = graph.Anomalous.Select(s => s.Host).ToHashSet(StringComparer.Ordinal);
        var hosts = new HashSet<string>(scores.Keys, StringComparer.Ordinal);
        hosts.UnionWith(otherHosts ?? []);
        var cClusters = cplane.Clusters.Select(c => new CClusterInput(
            c.Id,
            [.. c.Hosts.Select(h => h.ToString())],
            c.CFlows.Select(v => v.Key.Destination).Distinct().Count() == 1 ? c.CFlows[0].Key.Destination.ToString() : null)).ToList();
        var aClusters = aplane.Clusters.Select(a => new AClusterInput(
            a.Id, APlaneCsvWriter.TypeName(a.Type), a.Weight, [.. a.Hosts.Select(h => h.ToString())], a.Target)).ToList();
        var beaconInputs = (beacons ?? BeaconResult.Empty).StrongestByHost().ToDictionary(
            b => b.Key.ToString(),
            b => new BeaconInput(b.Value.Strength, $"{b.Value.Key.Destination}:{b.Value.Key.DestinationPort}/{b.Value.Key.ProtocolName}", b.Value.Flows, b.Value.PeriodSeconds),
            StringComparer.Ordinal);
        return new VoteInputs(hosts, new GraphInput(scores, anomalous, egonetOf) { Evenness = evenness }, cClusters, aClusters)
        {
            Beacons = beaconInputs,
        };
    }
}
