using System.Globalization;
using System.Text.Json;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Analysis.Vote;
using BotCapturer.Engine.Output;

namespace BotCapturer.Cli.Commands;

/// <summary>The end of a run: per-stage counts and timings, as text on stdout and as <c>summary.json</c>.</summary>
internal static class RunSummary
{
    public static List<KeyValuePair<string, long>> Counts(BotAnalysis analysis, AnalysisResult result)
    {
        var counts = new List<KeyValuePair<string, long>>();
        counts.Add(new("flows", analysis.HostGraph.Flows + analysis.HostGraph.Dropped));
        counts.Add(new("graph_flows", analysis.HostGraph.Flows));
        counts.Add(new("cflows", result.CPlane.Vectors.Vectors.Count));
        counts.Add(new("cclusters", result.CPlane.Clusters.Count));
        counts.Add(new("graph_hosts", result.Graph.Count));
        counts.Add(new("graph_anomalous", result.Graph.Anomalous.Count));
        counts.Add(new("graph_voted", result.Graph.Voted.Count()));
        counts.Add(new("activities", result.APlane.Activities.Count));
        counts.Add(new("aclusters", result.APlane.Clusters.Count));
        counts.Add(new("beacon_cflows_tested", result.Beacons.Tested));
        counts.Add(new("beacons", result.Beacons.Beacons.Count));
        counts.Add(new("hosts", result.Vote.Hosts.Count));
        counts.Add(new("suspicious", result.Vote.Suspicious.Count()));
        counts.Add(new("groups", result.Vote.Groups.Count));
        return counts;
    }

    public static void Print(TextWriter o, AnalysisResult result, IReadOnlyList<KeyValuePair<string, long>> counts, IReadOnlyList<KeyValuePair<string, TimeSpan>> timings, string folder)
    {
        var groups = result.Vote.Groups;
        o.WriteLine(groups.Count == 0 ? "no host groups" : $"{groups.Count} host group{(groups.Count == 1 ? string.Empty : "s")}");
        foreach (var g in groups)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"group {g.Id}: {g.Hosts.Count} hosts, C&C {(g.Cnc.Count == 0 ? "-" : string.Join(' ', g.Cnc))}, cohesion {g.Cohesion:0.##}"));
            foreach (var e in g.Evidence)
            {
                var sharedC = e.CClusters.Where(c => g.Evidence.Any(o => o.Host != e.Host && o.CClusters.Contains(c))).ToList();
                var a = e.AClusters.Count == 0 ? "-" : string.Join("; ", e.AClusters.Select(x => $"{x.Type} {x.Target}"));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {e.Host,-16} votes {e.VoteNames,-27} botscore {e.BotScore,6:0.00}  graph {e.GraphScore,6:0.00}{(e.Egonets.Count == 0 ? string.Empty : " egonet of " + string.Join(',', e.Egonets))}  C-clusters {e.CClusters.Count} ({sharedC.Count} shared in the group: {string.Join(',', sharedC.Take(8))}{(sharedC.Count > 8 ? ",..." : string.Empty)})  A {a}"));
            }
        }

        var alone = result.Vote.Suspicious.Where(h => !groups.Any(g => g.Hosts.Contains(h.Host))).ToList();
        if (alone.Count > 0)
        {
            o.WriteLine($"suspicious, in no group: {string.Join(' ', alone.Take(20).Select(h => $"{h.Host} ({h.VoteNames})"))}{(alone.Count > 20 ? $" (+{alone.Count - 20})" : string.Empty)}");
        }

        o.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        o.WriteLine(string.Join(", ", timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value.TotalSeconds:0.00} s"))));
        o.WriteLine($"written to {folder}");
    }

    public static async Task WriteJsonAsync(
        string path,
        RunVerb verb,
        IReadOnlyList<string> inputs,
        IReadOnlyList<KeyValuePair<string, long>> counts,
        IReadOnlyList<KeyValuePair<string, TimeSpan>> timings,
        CancellationToken cancellationToken)
    {
        await using var stream = OutputFile.Create(path);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("inputs");
        foreach (var i in inputs)
        {
            json.WriteStringValue(i);
        }

        json.WriteEndArray();
        json.WriteStartObject("counts");
        foreach (var c in counts)
        {
            json.WriteNumber(c.Key, c.Value);
        }

        json.WriteEndObject();
        json.WriteStartObject("timings_s");
        foreach (var t in timings)
        {
            json.WriteNumber(t.Key, Math.Round(t.Value.TotalSeconds, 3));
        }

        json.WriteEndObject();
        json.WriteStartObject("options");
        json.WriteNumber("quorum", verb.Quorum);
        json.WriteNumber("botscore_threshold", verb.BotScoreThreshold);
        json.WriteNumber("group_cut", verb.GroupCut);
        json.WriteNumber("min_group", verb.MinGroup);
        json.WriteNumber("confirm_z", verb.ConfirmZ);
        json.WriteNumber("anomaly_z", verb.AnomalyZ);
        json.WriteNumber("payload_bytes", Math.Max(verb.PayloadBytes, RunCommand.RunPayloadBytes));
        json.WriteString("epoch", verb.Epoch);
        json.WriteString("internal", verb.Internal);
        json.WriteString("cluster", verb.ClusterMethod);
        json.WriteNumber("seed", verb.Seed);
        json.WriteNumber("tcp_timeout", verb.TcpTimeout);
        json.WriteNumber("udp_timeout", verb.UdpTimeout);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
