namespace BotCapturer.Graph;

/// <summary>
/// Every edge once, oriented from the lower-ranked end to the higher (rank = degree, then id): the "forward"
/// orientation of triangle listing. A node's out-row holds only neighbours of higher degree, so it is at most
/// about sqrt(2m) long, which bounds the work of scanning neighbours' rows.
/// </summary>
internal sealed class ForwardAdjacency
{
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly double[] _weights;

    private ForwardAdjacency(int[] offsets, int[] targets, double[] weights)
    {
        _offsets = offsets;
        _targets = targets;
        _weights = weights;
    }

    public ReadOnlySpan<int> Out(int node) => _targets.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

    public ReadOnlySpan<double> OutWeights(int node) => _weights.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

    public static ForwardAdjacency Create(HostGraph graph)
    {
        var count = graph.NodeCount;
        var offsets = new int[count + 1];
        for (var u = 0; u < count; u++)
        {
            var out_ = 0;
            foreach (var v in graph.NeighborsOf(u))
            {
                if (Precedes(graph, u, v))
                {
                    out_++;
                }
            }

            offsets[u + 1] = offsets[u] + out_;
        }

        var targets = new int[offsets[count]];
        var weights = new double[offsets[count]];
        for (var u = 0; u < count; u++)
        {
            var at = offsets[u];
            var row = graph.NeighborsOf(u);
            var rowWeights = graph.WeightsOf(u);
            for (var k = 0; k < row.Length; k++)
            {
                if (Precedes(graph, u, row[k]))
                {
                    targets[at] = row[k];
                    weights[at++] = rowWeights[k];
                }
            }
        }

        return new ForwardAdjacency(offsets, targets, weights);
    }

    private static bool Precedes(HostGraph graph, int u, int v)
    {
        var du = graph.Degree(u);
        var dv = graph.Degree(v);
        return du < dv || (du == dv && u < v);
    }
}
