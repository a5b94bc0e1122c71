namespace BotCapturer.Graph;

/// <summary>
/// An undirected weighted host graph in compressed sparse row form: host <c>i</c>'s neighbours are
/// <c>Neighbors[Offsets[i]..Offsets[i+1]]</c> (ascending ids) with the matching <c>Weights</c>. Every edge is stored
/// in both directions: 12 bytes per direction, so 10^7 edges take about 240 MB.
/// </summary>
public sealed class HostGraph
{
    /// <summary>Wraps CSR arrays; <see cref="HostGraphBuilder.Build"/> is the usual way to get one.</summary>
    public HostGraph(HostTable hosts, int[] offsets, int[] neighbors, double[] weights)
    {
        if (offsets.Length != hosts.Count + 1 || neighbors.Length != weights.Length || offsets[^1] != neighbors.Length)
        {
            throw new ArgumentException("CSR arrays do not match the host table");
        }

        Hosts = hosts;
        Offsets = offsets;
        Neighbors = neighbors;
        Weights = weights;
    }

    /// <summary>Host ids and names.</summary>
    public HostTable Hosts { get; }

    /// <summary>Row starts, <c>NodeCount + 1</c> entries.</summary>
    public int[] Offsets { get; }

    /// <summary>Neighbour ids, each row ascending.</summary>
    public int[] Neighbors { get; }

    /// <summary>Edge weights, parallel to <see cref="Neighbors"/>.</summary>
    public double[] Weights { get; }

    /// <summary>Number of hosts.</summary>
    public int NodeCount => Offsets.Length - 1;

    /// <summary>Number of undirected edges.</summary>
    public long EdgeCount => Neighbors.Length / 2;

    /// <summary>Number of neighbours of host <paramref name="id"/>.</summary>
    public int Degree(int id) => Offsets[id + 1] - Offsets[id];

    /// <summary>Neighbour ids of host <paramref name="id"/>, ascending.</summary>
    public ReadOnlySpan<int> NeighborsOf(int id) => Neighbors.AsSpan(Offsets[id], Offsets[id + 1] - Offsets[id]);

    /// <summary>Edge weights of host <paramref name="id"/>, parallel to <see cref="NeighborsOf"/>.</summary>
    public ReadOnlySpan<double> WeightsOf(int id) => Weights.AsSpan(Offsets[id], Offsets[id + 1] - Offsets[id]);

    /// <summary>Total weight of host <paramref name="id"/>'s edges.</summary>
    public double Strength(int id)
    {
        var sum = 0.0;
        foreach (var w in WeightsOf(id))
        {
            sum += w;
        }

        return sum;
    }

    /// <summary>The weight of edge (a, b), or 0 when there is none (binary search in the shorter row).</summary>
    public double WeightBetween(int a, int b)
    {
        if (Degree(a) > Degree(b))
        {
            (a, b) = (b, a);
        }

        var i = NeighborsOf(a).BinarySearch(b);
        return i >= 0 ? WeightsOf(a)[i] : 0;
    }
}
