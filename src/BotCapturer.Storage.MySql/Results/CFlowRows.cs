using System.Buffers;
using System.Buffers.Binary;
using BotCapturer.CPlane;
using BotCapturer.Storage.MySql.Tsv;

namespace BotCapturer.Storage.MySql.Results;

/// <summary>
/// One <c>cflows</c> row per C-flow of a run (schema 003): the key, epoch, flow count, fph, the C-cluster, and the
/// vectors as little-endian binary (52 float32 fractions, 52 int32 bin counts, 8 float64 reduced values).
/// </summary>
internal static class CFlowRows
{
    public static readonly string[] Columns =
        ["group_id", "id", "proto", "src", "dst", "dport", "epoch", "epoch_start_ns", "flows", "windows", "fph", "cluster_id", "vector", "counts", "reduced"];

    /// <summary>Bytes of the stored 52-d vector (float32 each).</summary>
    public const int VectorBytes = CFlowVector.Dimensions * sizeof(float);

    /// <summary>Bytes of the stored bin counts (int32 each).</summary>
    public const int CountsBytes = CFlowVector.Dimensions * sizeof(int);

    /// <summary>Bytes of the stored 8-d vector (float64 each).</summary>
    public const int ReducedBytes = CFlowVector.ReducedDimensions * sizeof(double);

    /// <summary>The rows of <paramref name="result"/>, in cflows.csv order, with the cluster each C-flow ended in.</summary>
    public static IEnumerable<(int Id, CFlowVector Vector, int Cluster, long EpochStartNs)> Of(CPlaneResult result)
    {
        var vectors = result.Vectors.Vectors;
        for (var i = 0; i < vectors.Count; i++)
        {
            yield return (i, vectors[i], result.Labels[i], result.Vectors.EpochStartNs(vectors[i].Key.Epoch));
        }
    }

    public static void Write(IBufferWriter<byte> w, long groupId, int id, CFlowVector v, int cluster, long epochStartNs)
    {
        Span<byte> address = stackalloc byte[AddressBytes.MaxLength];
        TsvWriter.Int64(w, groupId, (byte)'\t');
        TsvWriter.Int64(w, id, (byte)'\t');
        TsvWriter.Int64(w, v.Key.Protocol, (byte)'\t');
        TsvWriter.Binary(w, address[..AddressBytes.Write(v.Key.Source, address)], (byte)'\t');
        TsvWriter.Binary(w, address[..AddressBytes.Write(v.Key.Destination, address)], (byte)'\t');
        TsvWriter.Int64(w, v.Key.DestinationPort, (byte)'\t');
        TsvWriter.Int64(w, v.Key.Epoch, (byte)'\t');
        TsvWriter.Int64(w, epochStartNs, (byte)'\t');
        TsvWriter.Int64(w, v.FlowCount, (byte)'\t');
        TsvWriter.Int64(w, v.WindowCount, (byte)'\t');
        TsvWriter.Double(w, v.RawMeans[(int)CFlowFeature.Fph], (byte)'\t');
        if (cluster >= 0)
        {
            TsvWriter.Int64(w, cluster, (byte)'\t');
        }
        else
        {
            TsvWriter.Null(w, (byte)'\t');
        }

        Span<byte> bytes = stackalloc byte[VectorBytes];
        for (var i = 0; i < CFlowVector.Dimensions; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes[(i * sizeof(float))..], v.Fractions[i]);
        }

        TsvWriter.Binary(w, bytes, (byte)'\t');
        for (var i = 0; i < CFlowVector.Dimensions; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes[(i * sizeof(int))..], v.Counts[i]);
        }

        TsvWriter.Binary(w, bytes[..CountsBytes], (byte)'\t');
        for (var i = 0; i < CFlowVector.ReducedDimensions; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[(i * sizeof(double))..], v.Reduced[i]);
        }

        TsvWriter.Binary(w, bytes[..ReducedBytes], (byte)'\n');
    }

    /// <summary>Reads a stored <c>vector</c> column back into 52 fractions.</summary>
    public static float[] ReadVector(ReadOnlySpan<byte> stored)
    {
        var values = new float[stored.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(stored[(i * sizeof(float))..]);
        }

        return values;
    }

    /// <summary>Reads a stored <c>reduced</c> column back into 8 values.</summary>
    public static double[] ReadReduced(ReadOnlySpan<byte> stored)
    {
        var values = new double[stored.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(stored[(i * sizeof(double))..]);
        }

        return values;
    }
}
