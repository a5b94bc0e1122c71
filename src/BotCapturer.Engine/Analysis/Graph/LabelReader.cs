namespace BotCapturer.Engine.Analysis.Graph;

/// <summary>Reads ground-truth labels: a header, then <c>host,role[,family]</c> lines (roles such as cnc, bot).</summary>
public static class LabelReader
{
    /// <summary>host → (role, family or empty).</summary>
    public static async Task<Dictionary<string, (string Role, string Family)>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        using var reader = EdgeListReader.Open(path);
        EdgeListReader.CheckHeader(path, await reader.ReadLineAsync(cancellationToken), "host,role");
        long line = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var fields = text.TrimEnd('\r').Split(',');
            if (fields.Length < 2 || fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
            {
                throw new EdgeListException(path, line, "expected 'host,role[,family]'");
            }

            labels[fields[0].Trim()] = (fields[1].Trim(), fields.Length > 2 ? fields[2].Trim() : string.Empty);
        }

        return labels;
    }
}
