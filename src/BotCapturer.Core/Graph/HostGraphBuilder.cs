using BotCapturer.Net;

namespace BotCapturer.Graph;

/// <summary>
/// Accumulates the undirected host-interaction graph: every host pair's weight (packets, flows or bytes exchanged)
/// summed over all the input. Mergeable (DESIGN.md: every aggregate is): builders filled from different files or
/// workers combine with <see cref="Merge"/>, in any order, to the same graph.
/// </summary>
public sealed class HostGraphBuilder
{
    // Key: smaller id in the high 32 bits, larger in the low 32 bits; 28 bytes an edge in the dictionary.
    private readonly Dictionary<ulong, double> _edges = [];

    /// <summary>The hosts seen so far and their ids.</summary>
    public HostTable Hosts { get; } = new();

    /// <summary>Distinct host pairs so far.</summary>
    public int EdgeCount => _edges.Count;

    /// <summary>Pairs of a host with itself, which are not edges and were left out.</summary>
    public long SelfPairsIgnored { get; private set; }

    /// <summary>Adds <paramref name="weight"/> to the pair's edge (creating it).</summary>
    public void Add(HostAddress a, HostAddress b, double weight) => Add(Hosts.GetOrAdd(a), Hosts.GetOrAdd(b), weight);

    /// <summary>Starts loading the two hosts' entries for an <see cref="Add(HostAddress, HostAddress, double)"/> of them a few flows later.</summary>
    public void Prefetch(HostAddress a, HostAddress b)
    {
        Hosts.Prefetch(a);
        Hosts.Prefetch(b);
    }

    /// <summary>Adds <paramref name="weight"/> to the edge between two hosts given as text (addresses or names).</summary>
    public void Add(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double weight) => Add(Hosts.GetOrAdd(a), Hosts.GetOrAdd(b), weight);

    /// <summary>Adds <paramref name="weight"/> to the edge between two host ids of <see cref="Hosts"/>.</summary>
    public void Add(int a, int b, double weight)
    {
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "edge weights must be finite and not negative");
        }

        if ((uint)a >= (uint)Hosts.Count || (uint)b >= (uint)Hosts.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(a), "host id not in the table");
        }

        if (a == b)
        {
            SelfPairsIgnored++;
            return;
        }

        if (weight == 0)
        {
            return;
        }

        var key = a < b ? ((ulong)(uint)a << 32) | (uint)b : ((ulong)(uint)b << 32) | (uint)a;
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_edges, key, out _) += weight;
    }

    /// <summary>Adds every edge of <paramref name="other"/> to this builder (hosts are matched by address or name).</summary>
    public void Merge(HostGraphBuilder other)
    {
        var map = new int[other.Hosts.Count];
        for (var i = 0; i < map.Length; i++)
        {
            var address = other.Hosts.AddressOf(i);
            map[i] = address is { } a ? Hosts.GetOrAdd(a) : Hosts.GetOrAdd(other.Hosts.NameOf(i));
        }

        foreach (var (key, weight) in other._edges)
        {
            Add(map[(int)(key >> 32)], map[(int)(uint)key], weight);
        }

        SelfPairsIgnored += other.SelfPairsIgnored;
    }

    /// <summary>Freezes the edges into a compact <see cref="HostGraph"/> (CSR arrays, adjacency sorted by id).</summary>
    public HostGraph Build()
    {
        var n = Hosts.Count;
        var offsets = new int[n + 1];
        foreach (var key in _edges.Keys)
        {
            offsets[(int)(key >> 32) + 1]++;
            offsets[(int)(uint)key + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var neighbors = new int[offsets[n]];
        var weights = new double[offsets[n]];
        var fill = offsets.AsSpan(0, n).ToArray();
        foreach (var (key, weight) in _edges)
        {
            var a = (int)(key >> 32);
            var b = (int)(uint)key;
            neighbors[fill[a]] = b;
            weights[fill[a]++] = weight;
            neighbors[fill[b]] = a;
            weights[fill[b]++] = weight;
        }

        for (var i = 0; i < n; i++)
        {
            var length = offsets[i + 1] - offsets[i];
            neighbors.AsSpan(offsets[i], length).Sort(weights.AsSpan(offsets[i], length));
        }

        return new HostGraph(Hosts, offsets, neighbors, weights);
    }
}
