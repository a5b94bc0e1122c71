namespace BotCapturer.Evaluation;

/// <summary>Parses labels CSV text <c>host,role[,family]</c> (header line optional, <c>#</c> comments and blank lines skipped).</summary>
public static class LabelParser
{
    /// <summary>Parses the lines; throws <see cref="FormatException"/> naming the line of the first bad one.</summary>
    public static Dictionary<string, HostLabel> Parse(IEnumerable<string> lines, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var labels = new Dictionary<string, HostLabel>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(',');
            if (number == 1 && string.Equals(parts[0].Trim(), "host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (parts.Length is < 2 or > 3 || parts[0].Trim().Length == 0)
            {
                throw new FormatException($"{sourceName}:{number}: expected host,role[,family]");
            }

            var host = parts[0].Trim();
            if (System.Net.IPAddress.TryParse(host, out var ip))
            {
                host = (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
            }

            labels[host] = new HostLabel(host, parts[1].Trim(), parts.Length == 3 ? parts[2].Trim() : string.Empty);
        }

        return labels;
    }
}
