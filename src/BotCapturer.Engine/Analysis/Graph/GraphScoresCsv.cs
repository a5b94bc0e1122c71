using System.Globalization;
using System.Text;
using BotCapturer.Engine.Output;
using BotCapturer.Graph;

namespace BotCapturer.Engine.Analysis.Graph;

/// <summary>
/// Writes graph scores as CSV: <c>host,score</c> first (highest score first), then every component, the degree and
/// the weight, whether the host is anomalous and whose egonet it was reached through.
/// </summary>
public static class GraphScoresCsv
{
    /// <summary>The file name the in-memory run writes into its output folder.</summary>
    public const string FileName = "graph_scores.csv";

    /// <summary>The header line.</summary>
    public const string Header =
        "host,score,rank,own_score,evenness,structural,out_en,out_we,out_lw,lof,cv,weight_range,n,e,w,lambda,degree,weight,anomalous,egonet_of";

    /// <summary>Writes the header and the first <paramref name="top"/> hosts (all when null).</summary>
    public static async Task WriteAsync(GraphScores scores, TextWriter writer, int? top, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        // Lines are formatted into one buffer and written a buffer at a time: tens of thousands of hosts, each with
        // twenty fields, are written after every large capture.
        var buffer = new char[1 << 16];
        var used = 0;
        var texts = new NumberTexts();
        var count = Math.Min(top ?? int.MaxValue, scores.Count);
        for (var i = 0; i < count; i++)
        {
            int length;
            while (!TryFormat(scores.Ranked[i], writer.NewLine, texts, buffer.AsSpan(used), out length))
            {
                if (used == 0)
                {
                    buffer = new char[buffer.Length * 2];
                    continue;
                }

                await writer.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
                used = 0;
            }

            used += length;
        }

        await writer.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes <see cref="FileName"/> into <paramref name="folder"/> (created if needed); returns its path.</summary>
    public static async Task<string> WriteToFolderAsync(GraphScores scores, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        await using var stream = OutputFile.Create(path, 1 << 16, useAsync: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        await WriteAsync(scores, writer, null, cancellationToken);
        return path;
    }

    /// <summary>One line and its terminator, or false when <paramref name="destination"/> is too short.</summary>
    private static bool TryFormat(HostScore s, string newLine, NumberTexts texts, Span<char> destination, out int length)
    {
        var line = new LineWriter(destination);
        var fits = line.Text(s.Host) && line.Comma()
            && line.Text(texts.Of(0, s.Score)) && line.Comma()
            && line.Number(s.Rank) && line.Comma()
            && line.Text(texts.Of(1, s.OwnScore)) && line.Comma()
            && line.Text(texts.Of(2, s.Evenness)) && line.Comma()
            && line.Text(texts.Of(3, s.Structural)) && line.Comma()
            && line.Text(texts.Of(4, s.OutEN)) && line.Comma()
            && line.Text(texts.Of(5, s.OutWE)) && line.Comma()
            && line.Text(texts.Of(6, s.OutLW)) && line.Comma()
            && line.Text(texts.Of(7, s.Lof)) && line.Comma()
            && line.Text(texts.Of(8, s.Cv)) && line.Comma()
            && line.Text(texts.Of(9, s.WeightRange)) && line.Comma()
            && line.Number(s.N) && line.Comma()
            && line.Number(s.E) && line.Comma()
            && line.Text(texts.Of(10, s.W)) && line.Comma()
            && line.Text(texts.Of(11, s.Lambda)) && line.Comma()
            && line.Number(s.Degree) && line.Comma()
            && line.Text(texts.Of(12, s.Weight)) && line.Comma()
            && line.Text(s.IsAnomalous ? "1" : "0") && line.Comma()
            && line.Text(s.EgonetOf) && line.Text(newLine);
        length = line.Length;
        return fits;
    }

    /// <summary>
    /// The numeric columns' texts: tens of thousands of hosts that talk to one peer alike share every feature, and
    /// ranked by score they come one after another, so a column's number is formatted once per run of equal values.
    /// </summary>
    private sealed class NumberTexts
    {
        private readonly RepeatedNumberText[] _columns = [.. Enumerable.Range(0, 13).Select(c => new RepeatedNumberText(c is 10 or 12 ? "G10" : "G6"))]; // w and weight get ten digits

        public string Of(int column, double value) => _columns[column].Of(value);
    }

    /// <summary>Appends fields to a span of characters, in the invariant culture.</summary>
    private ref struct LineWriter(Span<char> destination)
    {
        private readonly Span<char> _destination = destination;

        public int Length { get; private set; }

        public bool Comma() => Text(",");

        public bool Text(string? text)
        {
            if (!(text ?? string.Empty).AsSpan().TryCopyTo(_destination[Length..]))
            {
                return false;
            }

            Length += text?.Length ?? 0;
            return true;
        }

        public bool Number<T>(T value, string? format = null)
            where T : ISpanFormattable
        {
            if (!value.TryFormat(_destination[Length..], out var written, format, CultureInfo.InvariantCulture))
            {
                return false;
            }

            Length += written;
            return true;
        }
    }
}
