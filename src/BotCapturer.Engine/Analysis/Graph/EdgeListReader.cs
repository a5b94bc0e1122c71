using System.Globalization;
using BotCapturer.Graph;

namespace BotCapturer.Engine.Analysis.Graph;

/// <summary>
/// Reads a host-pair edge list: a CSV header of three columns (e.g. <c>host_a,host_b,weight</c>), then one
/// <c>host_a,host_b,weight</c> line per pair. Hosts are IP addresses or names; weights are non-negative numbers.
/// A repeated pair adds up. Any bad line stops the read with an <see cref="EdgeListException"/> naming file and line.
/// </summary>
public static class EdgeListReader
{
    /// <summary>Reads <paramref name="path"/> into <paramref name="builder"/> (a new one when null).</summary>
    public static async Task<HostGraphBuilder> ReadAsync(string path, HostGraphBuilder? builder, CancellationToken cancellationToken)
    {
        builder ??= new HostGraphBuilder();
        using var reader = Open(path);
        var header = await reader.ReadLineAsync(cancellationToken);
        CheckHeader(path, header, "host_a,host_b,weight");
        long line = 1;

        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (text.Length > 0)
            {
                AddLine(builder, path, line, text);
            }
        }

        return builder;
    }

    /// <summary>Opens a text file, turning "missing" and "unreadable" into an <see cref="EdgeListException"/>.</summary>
    internal static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new EdgeListException(path, 0, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : "cannot read: " + e.Message);
        }
    }

    /// <summary>A header is the expected number of comma-separated names, the last of which is not a number.</summary>
    internal static void CheckHeader(string path, string? header, string expected)
    {
        if (header is null)
        {
            throw new EdgeListException(path, 0, $"empty file (expected a header such as '{expected}')");
        }

        var fields = header.Split(',');
        var want = expected.Split(',').Length;
        if (fields.Length < want || fields.Any(f => f.Trim().Length == 0)
            || double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new EdgeListException(path, 1, $"bad header '{Shorten(header)}' (expected '{expected}')");
        }
    }

    private static void AddLine(HostGraphBuilder builder, string path, long line, string text)
    {
        var span = text.AsSpan().TrimEnd('\r');
        var first = span.IndexOf(',');
        var last = span.LastIndexOf(',');
        if (first <= 0 || last == first || span[(first + 1)..last].Contains(','))
        {
            throw new EdgeListException(path, line, $"expected 'host_a,host_b,weight', got '{Shorten(text)}'");
        }

        var a = span[..first].Trim();
        var b = span[(first + 1)..last].Trim();
        var weightText = span[(last + 1)..].Trim();
        if (a.IsEmpty || b.IsEmpty)
        {
            throw new EdgeListException(path, line, "empty host name");
        }

        if (!double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
            || !double.IsFinite(weight) || weight < 0)
        {
            throw new EdgeListException(path, line, $"weight '{weightText}' is not a non-negative number");
        }

        builder.Add(a, b, weight);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
