using BotCapturer.APlane;
using BotCapturer.Beaconing;
using BotCapturer.Collections;
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
        // The per-host tables are views of the graph's own table by host (tens of thousands of hosts after a large
        // capture); the vote adds the graph's hosts to the others.
        var scores = new ProjectedDictionary<string, HostScore, double>(graph.ByHost, static s => s.Score);
        var evenness = new ProjectedDictionary<string, HostScore, double>(graph.ByHost, static s => s.Evenness);
        var egonetOf = graph.Ranked.Where(s => s.EgonetOf is not null).ToDictionary(s => s.Host, s => s.EgonetOf!, StringComparer.Ordinal);
        var anomalous = graph.Anomalous.Select(s => s.Host).ToHashSet(StringComparer.Ordinal);
        var hosts = (otherHosts ?? []).ToHashSet(StringComparer.Ordinal);
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
        return new VoteInputs(hosts, new GraphInput(scores, anomalous, egonetOf) { Evenness = evenness, Ranked = [.. graph.Ranked.Select(s => new RankedHost(s.Host, s.Score, s.Evenness))] }, cClusters, aClusters)
        {
            Beacons = beaconInputs,
        };
    }
}
