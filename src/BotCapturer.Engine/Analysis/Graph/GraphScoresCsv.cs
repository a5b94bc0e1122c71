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
        var line = new StringBuilder(256);
        var count = Math.Min(top ?? int.MaxValue, scores.Count);
        for (var i = 0; i < count; i++)
        {
            line.Clear();
            Format(scores.Ranked[i], line);
            await writer.WriteLineAsync(line, cancellationToken);
        }

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

    private static void Format(HostScore s, StringBuilder line)
    {
        var c = CultureInfo.InvariantCulture;
        line.Append(s.Host).Append(',')
            .Append(c, $"{s.Score:G6}").Append(',')
            .Append(c, $"{s.Rank}").Append(',')
            .Append(c, $"{s.OwnScore:G6}").Append(',')
            .Append(c, $"{s.Evenness:G6}").Append(',')
            .Append(c, $"{s.Structural:G6}").Append(',')
            .Append(c, $"{s.OutEN:G6}").Append(',')
            .Append(c, $"{s.OutWE:G6}").Append(',')
            .Append(c, $"{s.OutLW:G6}").Append(',')
            .Append(c, $"{s.Lof:G6}").Append(',')
            .Append(c, $"{s.Cv:G6}").Append(',')
            .Append(c, $"{s.WeightRange:G6}").Append(',')
            .Append(c, $"{s.N}").Append(',')
            .Append(c, $"{s.E}").Append(',')
            .Append(c, $"{s.W:G10}").Append(',')
            .Append(c, $"{s.Lambda:G6}").Append(',')
            .Append(c, $"{s.Degree}").Append(',')
            .Append(c, $"{s.Weight:G10}").Append(',')
            .Append(s.IsAnomalous ? '1' : '0').Append(',')
            .Append(s.EgonetOf);
    }
}
