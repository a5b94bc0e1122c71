using System.Text.Json;
using BotCapturer.Evaluation;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>Reads a run's result directory back (<c>hosts.csv</c>, <c>groups.json</c>) for <c>botengine eval</c>.</summary>
public static class RunResultReader
{
    /// <summary>Every host, the suspicious ones, and the groups; throws <see cref="FormatException"/> or <see cref="IOException"/> with the file named.</summary>
    public static (List<string> Hosts, HashSet<string> Suspicious, List<ResultGroup> Groups) Read(string directory)
    {
        var hostsPath = Path.Combine(directory, "hosts.csv");
        var groupsPath = Path.Combine(directory, "groups.json");
        var hosts = new List<string>();
        var suspicious = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(hostsPath))
        {
            number++;
            if (number == 1)
            {
                if (!line.StartsWith("host,suspicious,votes", StringComparison.Ordinal))
                {
                    throw new FormatException($"{hostsPath}:1: expected a header starting host,suspicious,votes");
                }

                continue;
            }

            var parts = line.Split(',');
            if (parts.Length < 3 || parts[1] is not ("0" or "1"))
            {
                throw new FormatException($"{hostsPath}:{number}: expected host,suspicious(0|1),votes,...");
            }

            hosts.Add(parts[0]);
            if (parts[1] == "1")
            {
                suspicious.Add(parts[0]);
            }
        }

        return (hosts, suspicious, ReadGroups(groupsPath));
    }

    private static List<ResultGroup> ReadGroups(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return [.. doc.RootElement.EnumerateArray().Select(g => new ResultGroup(
                g.GetProperty("id").GetInt32(),
                [.. g.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()!)],
                [.. g.GetProperty("cnc").EnumerateArray().Select(h => h.GetString()!)]))];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a groups array ({e.Message})");
        }
    }
}
