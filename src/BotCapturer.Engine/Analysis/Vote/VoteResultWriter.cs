using System.Globalization;
using System.Text;
using System.Text.Json;
using BotCapturer.Engine.Output;
using BotCapturer.Vote;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>Writes the voting step's <c>hosts.csv</c> and <c>groups.json</c>.</summary>
public static class VoteResultWriter
{
    /// <summary>The header of <c>hosts.csv</c>.</summary>
    public const string HostsHeader = "host,suspicious,votes,vote_kinds,botscore,graph_score,graph_anomalous,egonet_of,cclusters,aclusters,planes,group,beacon,beacon_to";

    /// <summary>One line per host, most suspicious first; <c>group</c> is the host's group id or empty.</summary>
    public static void WriteHosts(TextWriter writer, VoteResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var groupOf = result.Groups.SelectMany(g => g.Hosts.Select(h => (h, g.Id))).ToDictionary(x => x.h, x => x.Id, StringComparer.Ordinal);
        writer.WriteLine(HostsHeader);
        var line = new StringBuilder();
        // Tens of thousands of hosts share a graph score and a botscore of 0: a number is formatted once per run of
        // equal values, not once per host.
        var botScores = new RepeatedNumberText(NumberFormat);
        var graphScores = new RepeatedNumberText(NumberFormat);
        foreach (var h in result.Hosts)
        {
            line.Clear();
            line.Append(h.Host).Append(',')
                .Append(h.Suspicious ? '1' : '0').Append(',')
                .Append(h.VoteCount).Append(',')
                .Append(h.VoteNames).Append(',')
                .Append(botScores.Of(h.BotScore)).Append(',')
                .Append(graphScores.Of(h.GraphScore)).Append(',')
                .Append(h.GraphAnomalous ? '1' : '0').Append(',');
            if (h.Egonets.Count > 0)
            {
                line.AppendJoin(';', h.Egonets);
            }

            line.Append(',');
            if (h.CClusters.Count > 0)
            {
                line.AppendJoin(';', h.CClusters);
            }

            line.Append(',');
            for (var i = 0; i < h.AClusters.Count; i++)
            {
                line.Append(i == 0 ? "" : ";").Append(h.AClusters[i].Type).Append(':').Append(h.AClusters[i].Id);
            }

            line.Append(',').Append(h.Planes).Append(',');
            if (groupOf.Count > 0 && groupOf.TryGetValue(h.Host, out var g))
            {
                line.Append(g);
            }

            line.Append(',')
                .Append(h.Beacon is { } b ? Number(b.Strength) : "0").Append(',')
                .Append(h.Beacon is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.Target} every {t.PeriodSeconds:0.#} s ({t.Flows} flows)") : string.Empty);
            writer.WriteLine(line);
        }
    }

    /// <summary>An array of groups, each with <c>id</c>, <c>hosts</c>, <c>cnc</c>, <c>cohesion</c> and per-member <c>evidence</c>.</summary>
    public static void WriteGroups(Stream stream, IReadOnlyList<HostGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var g in groups)
        {
            json.WriteStartObject();
            json.WriteNumber("id", g.Id);
            WriteStrings(json, "hosts", g.Hosts);
            WriteStrings(json, "cnc", g.Cnc);
            json.WriteNumber("cohesion", Math.Round(g.Cohesion, 4));
            json.WriteStartArray("evidence");
            foreach (var e in g.Evidence)
            {
                json.WriteStartObject();
                json.WriteString("host", e.Host);
                WriteStrings(json, "votes", e.VoteNames.Length == 0 ? [] : e.VoteNames.Split('+'));
                json.WriteNumber("botscore", Math.Round(e.BotScore, 4));
                json.WriteNumber("graph_score", Math.Round(e.GraphScore, 4));
                json.WriteBoolean("graph_anomalous", e.GraphAnomalous);
                WriteStrings(json, "egonet_of", e.Egonets);
                if (e.Beacon is { } beacon)
                {
                    json.WriteStartObject("beacon");
                    json.WriteString("target", beacon.Target);
                    json.WriteNumber("flows", beacon.Flows);
                    json.WriteNumber("period_s", Math.Round(beacon.PeriodSeconds, 3));
                    json.WriteNumber("strength", Math.Round(beacon.Strength, 4));
                    json.WriteEndObject();
                }


                json.WriteStartArray("cclusters");
                foreach (var c in e.CClusters)
                {
                    json.WriteNumberValue(c);
                }

                json.WriteEndArray();
                json.WriteStartArray("aclusters");
                foreach (var a in e.AClusters)
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", a.Id);
                    json.WriteString("type", a.Type);
                    json.WriteString("target", a.Target);
                    json.WriteNumber("weight", a.Weight);
                    json.WriteNumber("hosts", a.Hosts.Count);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
    }

    /// <summary>Scores in hosts.csv: up to six decimals, no exponent.</summary>
    private const string NumberFormat = "0.######";

    internal static string Number(double value) => value.ToString(NumberFormat, CultureInfo.InvariantCulture);

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }
}
