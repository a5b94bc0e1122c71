using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BotCapturer.CPlane;

namespace BotCapturer.Engine.Analysis.CPlane;

/// <summary>
/// Writes a C-plane result into a run's output folder: <c>cflows.csv</c> (one line per C-flow: key, flow count,
/// fph window count, cluster, the 52 fractions) and <c>cclusters.csv</c> (cluster, host, the host's C-flows in it).
/// </summary>
public static class CPlaneCsvWriter
{
    public const string CFlowsFile = "cflows.csv";

    public const string ClustersFile = "cclusters.csv";

    private static readonly string[] FeatureNames = ["fph", "ppf", "bpp", "bps"];

    /// <summary>The header of cflows.csv.</summary>
    public static string CFlowsHeader { get; } = "proto,src,dst,dport,epoch,flows,windows,cluster,"
        + string.Join(',', FeatureNames.SelectMany(f => Enumerable.Range(0, Quantizer.Bins).Select(b => $"{f}{b}")));

    public const string ClustersHeader = "cluster,host,cflows";

    /// <summary>Writes both files into <paramref name="folder"/> (created when missing); returns their paths.</summary>
    public static async Task<(string CFlows, string Clusters)> WriteAsync(string folder, CPlaneResult result, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var cflowsPath = Path.Combine(folder, CFlowsFile);
        var clustersPath = Path.Combine(folder, ClustersFile);
        await using (var writer = Open(cflowsPath))
        {
            await WriteCFlowsAsync(writer, result, cancellationToken);
        }

        await using (var writer = Open(clustersPath))
        {
            await WriteClustersAsync(writer, result, cancellationToken);
        }

        return (cflowsPath, clustersPath);
    }

    public static async Task WriteCFlowsAsync(TextWriter writer, CPlaneResult result, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(CFlowsHeader.AsMemory(), cancellationToken);
        var line = new StringBuilder(1024);
        // A few dozen distinct fractions recur in tens of thousands of cells: each is formatted once.
        var texts = new Dictionary<double, string>();
        var vectors = result.Vectors.Vectors;
        for (var i = 0; i < vectors.Count; i++)
        {
            var v = vectors[i];
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{v.Key.ProtocolName},{v.Key.Source},{v.Key.Destination},{v.Key.DestinationPort},{v.Key.Epoch},{v.FlowCount},{v.WindowCount},{result.Labels[i]}");
            var fractions = v.Fractions;
            for (var d = 0; d < fractions.Count; d++)
            {
                var f = fractions[d];
                // Most of the 52 fractions are zero: skip the custom-format machinery for them (same text, "0").
                line.Append(',');
                if (f == 0 && !double.IsNegative(f))
                {
                    line.Append('0');
                    continue;
                }

                ref var text = ref CollectionsMarshal.GetValueRefOrAddDefault(texts, f, out var known);
                if (!known)
                {
                    text = f.ToString("0.######", CultureInfo.InvariantCulture);
                }

                line.Append(text);
            }

            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    public static async Task WriteClustersAsync(TextWriter writer, CPlaneResult result, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(ClustersHeader.AsMemory(), cancellationToken);
        foreach (var cluster in result.Clusters)
        {
            foreach (var (host, count) in cluster.CFlowsByHost)
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{cluster.Id},{host},{count}").AsMemory(), cancellationToken);
            }
        }
    }

    private static StreamWriter Open(string path) => new(path, false, new UTF8Encoding(false), 1 << 16);
}
