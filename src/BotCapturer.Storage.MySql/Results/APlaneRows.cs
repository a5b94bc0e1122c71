using System.Buffers;
using BotCapturer.APlane;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Net;
using BotCapturer.Storage.MySql.Tsv;

namespace BotCapturer.Storage.MySql.Results;

/// <summary>
/// The A-plane's rows (schema 003): one <c>activities</c> row per line of the run's activities.csv, with the target
/// host and port range when the activity has them, and one <c>aclusters</c> row per A-cluster with what its members share.
/// </summary>
internal static class APlaneRows
{
    public static readonly string[] ActivityColumns =
        ["group_id", "id", "kind", "host", "target", "target_host", "port_low", "port_high", "cluster_id", "cluster_key", "first_ns", "last_ns", "events", "weight", "detail"];

    public static readonly string[] ClusterColumns =
        ["group_id", "id", "kind", "cluster_key", "target", "weight", "hosts", "activities", "first_ns", "last_ns"];

    /// <summary>Every activity in activities.csv order, with its A-cluster id.</summary>
    public static IEnumerable<(int Id, Activity Activity, int Cluster)> Of(APlaneResult result)
    {
        for (var i = 0; i < result.Activities.Count; i++)
        {
            yield return (i, result.Activities[i], result.ClusterOfActivity[i]);
        }
    }

    public static void WriteActivity(IBufferWriter<byte> w, long groupId, int id, Activity a, int cluster)
    {
        TsvWriter.Int64(w, groupId, (byte)'\t');
        TsvWriter.Int64(w, id, (byte)'\t');
        TsvWriter.Ascii(w, APlaneCsvWriter.TypeName(a.Type), (byte)'\t');
        Address(w, a.Host);
        TsvWriter.Text(w, a.Target, (byte)'\t');
        if (a.TargetHost is { } target)
        {
            Address(w, target);
        }
        else
        {
            TsvWriter.Null(w, (byte)'\t');
        }

        Port(w, a.PortLow);
        Port(w, a.PortHigh);
        TsvWriter.Int64(w, cluster, (byte)'\t');
        TsvWriter.Text(w, a.ClusterKey, (byte)'\t');
        TsvWriter.Int64(w, a.StartNs, (byte)'\t');
        TsvWriter.Int64(w, a.EndNs, (byte)'\t');
        TsvWriter.Int64(w, a.Count, (byte)'\t');
        TsvWriter.Double(w, a.Weight, (byte)'\t');
        TsvWriter.Text(w, a.Evidence, (byte)'\n');
    }

    public static void WriteCluster(IBufferWriter<byte> w, long groupId, ACluster c)
    {
        TsvWriter.Int64(w, groupId, (byte)'\t');
        TsvWriter.Int64(w, c.Id, (byte)'\t');
        TsvWriter.Ascii(w, APlaneCsvWriter.TypeName(c.Type), (byte)'\t');
        TsvWriter.Text(w, c.Key, (byte)'\t');
        TsvWriter.Text(w, c.Target, (byte)'\t');
        TsvWriter.Double(w, c.Weight, (byte)'\t');
        TsvWriter.Int64(w, c.Hosts.Count, (byte)'\t');
        TsvWriter.Int64(w, c.ActivityCount, (byte)'\t');
        TsvWriter.Int64(w, c.StartNs, (byte)'\t');
        TsvWriter.Int64(w, c.EndNs, (byte)'\n');
    }

    private static void Address(IBufferWriter<byte> w, HostAddress host)
    {
        Span<byte> bytes = stackalloc byte[AddressBytes.MaxLength];
        TsvWriter.Binary(w, bytes[..AddressBytes.Write(host, bytes)], (byte)'\t');
    }

    private static void Port(IBufferWriter<byte> w, ushort? port)
    {
        if (port is { } value)
        {
            TsvWriter.Int64(w, value, (byte)'\t');
        }
        else
        {
            TsvWriter.Null(w, (byte)'\t');
        }
    }
}
