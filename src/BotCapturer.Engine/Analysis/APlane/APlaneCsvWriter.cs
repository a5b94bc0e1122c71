using System.Globalization;
using System.Text;
using BotCapturer.APlane;
using BotCapturer.Engine.Output;

namespace BotCapturer.Engine.Analysis.APlane;

/// <summary>Writes <c>activities.csv</c> and <c>aclusters.csv</c> (RFC 4180 quoting) into a folder.</summary>
public static class APlaneCsvWriter
{
    public const string ActivitiesFile = "activities.csv";

    public const string ClustersFile = "aclusters.csv";

    /// <summary>Writes both files, creating the folder when needed; returns their paths.</summary>
    public static async Task<(string Activities, string Clusters)> WriteAsync(string folder, APlaneResult result, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var activities = Path.Combine(folder, ActivitiesFile);
        var clusters = Path.Combine(folder, ClustersFile);
        await File.WriteAllTextAsync(activities, Activities(result), new UTF8Encoding(false), cancellationToken);
        await File.WriteAllTextAsync(clusters, Clusters(result), new UTF8Encoding(false), cancellationToken);
        return (activities, clusters);
    }

    /// <summary>The activities table: one row per activity with its A-cluster id.</summary>
    public static string Activities(APlaneResult result)
    {
        var text = new StringBuilder("type,host,target,cluster_id,cluster_key,start,end,count,weight,evidence\n");
        for (var i = 0; i < result.Activities.Count; i++)
        {
            var a = result.Activities[i];
            Row(text,
                TypeName(a.Type), a.Host.ToString(), a.Target, result.ClusterOfActivity[i].ToString(CultureInfo.InvariantCulture), a.ClusterKey,
                FlowFormatting.Seconds(a.StartNs), FlowFormatting.Seconds(a.EndNs), a.Count.ToString(CultureInfo.InvariantCulture),
                a.Weight.ToString("0.###", CultureInfo.InvariantCulture), a.Evidence);
        }

        return text.ToString();
    }

    /// <summary>The A-clusters table: hosts separated by spaces.</summary>
    public static string Clusters(APlaneResult result)
    {
        var text = new StringBuilder("id,type,key,target,weight,host_count,activity_count,start,end,hosts\n");
        foreach (var c in result.Clusters)
        {
            Row(text,
                c.Id.ToString(CultureInfo.InvariantCulture), TypeName(c.Type), c.Key, c.Target, c.Weight.ToString("0.###", CultureInfo.InvariantCulture),
                c.Hosts.Count.ToString(CultureInfo.InvariantCulture), c.ActivityCount.ToString(CultureInfo.InvariantCulture),
                FlowFormatting.Seconds(c.StartNs), FlowFormatting.Seconds(c.EndNs), string.Join(' ', c.Hosts));
        }

        return text.ToString();
    }

    /// <summary>snake_case name used in files and on the console.</summary>
    public static string TypeName(ActivityType type) => type switch
    {
        ActivityType.Scan => "scan",
        ActivityType.BruteForce => "brute_force",
        ActivityType.BinaryDownload => "binary_download",
        ActivityType.Spam => "spam",
        ActivityType.Relay => "relay",
        _ => "signature",
    };

    private static void Row(StringBuilder text, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(field);
            }
        }

        text.Append('\n');
    }
}
