using System.Runtime.InteropServices;

namespace BotCapturer.CPlane;

/// <summary>
/// The distinct rows among some rows of a row-major matrix, each with its multiplicity, and the original rows in their
/// order as indices of those points. C-flow vectors repeat exactly (a one-flow C-flow is four one-hot histograms), so
/// k-means and BIC run over the distinct points with weights; <see cref="Order"/> lets k-means++ draw from the
/// original sequence, so the draws, and the clusters, are those of the unweighted rows.
/// </summary>
internal sealed class WeightedRows
{
    private WeightedRows(int[] rows, int[] weights, int[] order)
    {
        Rows = rows;
        Weights = weights;
        Order = order;
    }

    /// <summary>Matrix row of each point.</summary>
    public int[] Rows { get; }

    /// <summary>Original rows each point stands for.</summary>
    public int[] Weights { get; }

    /// <summary>The point of each original row, in the original order.</summary>
    public int[] Order { get; }

    /// <summary>Distinct points.</summary>
    public int Count => Rows.Length;

    /// <summary>Original rows (the sum of the weights).</summary>
    public int Total => Order.Length;

    /// <summary>Every member its own point of weight 1 (no merging).</summary>
    public static WeightedRows Each(int[] members)
    {
        var weights = new int[members.Length];
        Array.Fill(weights, 1);
        return new WeightedRows(members, weights, [.. Enumerable.Range(0, members.Length)]);
    }

    /// <summary>Merges members whose rows are bit-for-bit equal; points are numbered in order of first appearance.</summary>
    public static WeightedRows Distinct(float[] data, int dim, int[] members)
    {
        var index = new Dictionary<int, int>(members.Length, new RowComparer(data, dim));
        var rows = new List<int>();
        var weights = new List<int>();
        var order = new int[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            ref var point = ref CollectionsMarshal.GetValueRefOrAddDefault(index, members[i], out var exists);
            if (!exists)
            {
                point = rows.Count;
                rows.Add(members[i]);
                weights.Add(0);
            }

            weights[point]++;
            order[i] = point;
        }

        return new WeightedRows([.. rows], [.. weights], order);
    }

    /// <summary>The points of each label (0..k-1), each part keeping the original order of its rows.</summary>
    public WeightedRows[] Split(int[] labels, int k)
    {
        var local = new int[Count];
        var sizes = new int[k];
        var totals = new int[k];
        for (var p = 0; p < Count; p++)
        {
            local[p] = sizes[labels[p]]++;
            totals[labels[p]] += Weights[p];
        }

        var parts = new WeightedRows[k];
        for (var c = 0; c < k; c++)
        {
            parts[c] = new WeightedRows(new int[sizes[c]], new int[sizes[c]], new int[totals[c]]);
        }

        for (var p = 0; p < Count; p++)
        {
            var part = parts[labels[p]];
            part.Rows[local[p]] = Rows[p];
            part.Weights[local[p]] = Weights[p];
        }

        Array.Clear(totals);
        foreach (var p in Order)
        {
            var c = labels[p];
            parts[c].Order[totals[c]++] = local[p];
        }

        return parts;
    }

    /// <summary>Expands per-point labels to one label per original row.</summary>
    public int[] Expand(int[] labels)
    {
        var result = new int[Total];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = labels[Order[i]];
        }

        return result;
    }

    private sealed class RowComparer(float[] data, int dim) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) =>
            MemoryMarshal.Cast<float, int>(data.AsSpan(x * dim, dim)).SequenceEqual(MemoryMarshal.Cast<float, int>(data.AsSpan(y * dim, dim)));

        public int GetHashCode(int obj)
        {
            var hash = default(HashCode);
            hash.AddBytes(MemoryMarshal.AsBytes(data.AsSpan(obj * dim, dim)));
            return hash.ToHashCode();
        }
    }
}
