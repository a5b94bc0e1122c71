using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BotCapturer.Cli.Options;
using BotCapturer.Storage.MySql;

namespace BotCapturer.Cli.Commands;

/// <summary>
/// <c>botengine status</c>: the stored groups as a terminal table or as JSON, with each group's C-flow count (the rows
/// <c>run --group</c> saved in <c>cflows</c>, the seed's CALC_CFLOW) and whether it has been analysed.
/// </summary>
internal static class StatusCommand
{
    private static readonly string[] Headers = ["group", "name", "note", "created", "first packet", "packets", "flows", "C-flows", "analysed"];

    public static Task<int> RunAsync(StatusVerb verb, CliContext context, CancellationToken cancellationToken) =>
        StorageCommands.GuardAsync(context, async () =>
        {
            var store = new FlowStore(DatabaseOption.Resolve(verb.Db));
            var groups = await store.GetGroupsAsync(cancellationToken);
            if (verb.Json)
            {
                await using var stdout = context.OpenStandardOutput();
                WriteJson(groups, stdout);
            }
            else
            {
                context.Out.Write(Table(groups));
            }

            return ExitCodes.Ok;
        }, cancellationToken);

    internal static string Table(IReadOnlyList<GroupSummary> groups)
    {
        var rows = new List<string[]> { Headers };
        rows.AddRange(groups.Select(g => new[]
        {
            g.Id.ToString(CultureInfo.InvariantCulture), Printable(g.Name), Printable(g.Note ?? string.Empty),
            g.Created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            g.FirstPacketNs is { } ns ? Time(ns) : "-",
            g.Packets.ToString(CultureInfo.InvariantCulture), g.Flows.ToString(CultureInfo.InvariantCulture),
            g.CFlows.ToString(CultureInfo.InvariantCulture), g.Analysed is null ? "no" : "yes",
        }));
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var numeric = new[] { true, false, false, false, false, true, true, true, false };
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                var cell = numeric[i] ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]);
                text.Append(i == 0 ? cell : "  " + cell);
            }

            text.Append('\n');
        }

        if (groups.Count == 0)
        {
            text.Append("(no groups: load captures with 'botengine load <captures> --group N')\n");
        }

        return text.ToString();
    }

    internal static void WriteJson(IReadOnlyList<GroupSummary> groups, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("groups");
        foreach (var g in groups)
        {
            json.WriteStartObject();
            json.WriteNumber("id", g.Id);
            json.WriteString("name", g.Name);
            json.WriteString("note", g.Note);
            json.WriteString("created", g.Created);
            WriteTime(json, "first_packet", g.FirstPacketNs);
            WriteTime(json, "last_packet", g.LastPacketNs);
            json.WriteNumber("files", g.Files);
            json.WriteNumber("packets", g.Packets);
            json.WriteNumber("bytes", g.Bytes);
            json.WriteNumber("flows", g.Flows);
            json.WriteNumber("flow_rows", g.FlowRows);
            json.WriteNumber("packet_rows", g.PacketRows);
            json.WriteNumber("cflows", g.CFlows);
            json.WriteBoolean("analysed", g.Analysed is not null);
            if (g.Analysed is { } analysed)
            {
                json.WriteString("analysed_at", analysed);
            }
            else
            {
                json.WriteNull("analysed_at");
            }
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteTime(Utf8JsonWriter json, string name, long? ns)
    {
        if (ns is { } value)
        {
            json.WriteNumber(name + "_ns", value);
            json.WriteString(name, Time(value));
        }
        else
        {
            json.WriteNull(name + "_ns");
            json.WriteNull(name);
        }
    }

    private static string Time(long ns) =>
        DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Shows control characters as escapes so one group stays one line; the JSON keeps the exact text.</summary>
    internal static string Printable(string value)
    {
        if (!value.Any(c => char.IsControl(c) || c == '\\'))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
