namespace BotCapturer.Graph;

/// <summary>
/// λ of one egonet at a time (OddBall §3, the "dominant heavy link" feature), reusing scratch arrays across hosts.
/// A star egonet (no edges among neighbours) has eigenvalues ±sqrt(Σ w²): exact, no iteration. Otherwise the
/// egonet is gathered (local ids: ego 0, neighbours 1..N; edges among neighbours from the forward rows, each once)
/// and λ found by power iteration started from the star's eigenvector. ||A x|| / ||x|| never decreases along the
/// iteration and never exceeds λ (A symmetric, non-negative), so a capped run gives a lower bound that is still at
/// least the star value; it converges even for bipartite egonets, where λ and -λ have the same magnitude.
/// </summary>
internal sealed class EgonetEigenSolver
{
    private readonly HostGraph _graph;
    private readonly ForwardAdjacency _forward;
    private readonly EgonetOptions _options;
    private readonly int[] _owner;
    private readonly int[] _local;
    private int[] _edgeA = new int[64];
    private int[] _edgeB = new int[64];
    private double[] _edgeW = new double[64];
    private double[] _x = new double[64];
    private double[] _y = new double[64];

    public EgonetEigenSolver(HostGraph graph, ForwardAdjacency forward, EgonetOptions options)
    {
        _graph = graph;
        _forward = forward;
        _options = options;
        _owner = new int[graph.NodeCount];
        _local = new int[graph.NodeCount];
    }

    /// <summary>λ of host <paramref name="ego"/>'s egonet, which has <paramref name="innerEdges"/> edges among neighbours.</summary>
    public (double Lambda, int Iterations) PrincipalEigenvalue(int ego, long innerEdges)
    {
        var star = _graph.WeightsOf(ego);
        var sumSquares = 0.0;
        foreach (var w in star)
        {
            sumSquares += w * w;
        }

        if (innerEdges == 0 || star.Length == 0)
        {
            return (Math.Sqrt(sumSquares), 0);
        }

        var inner = Gather(ego, checked((int)innerEdges));
        var size = star.Length + 1;
        var work = size + (2 * inner);
        var maxIterations = (int)Math.Clamp(_options.WorkPerEgonet / work, _options.MinIterations, _options.MaxIterations);
        EnsureCapacity(ref _x, size);
        EnsureCapacity(ref _y, size);
        var x = _x.AsSpan(0, size);
        var y = _y.AsSpan(0, size);
        var norm = Math.Sqrt(sumSquares);
        x[0] = 1 / Math.Sqrt(2);
        for (var k = 0; k < star.Length; k++)
        {
            x[k + 1] = star[k] / (norm * Math.Sqrt(2));
        }

        var lambda = 0.0;
        var iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            Multiply(star, inner, x, y);
            var length = Norm(y);
            var previous = lambda;
            lambda = length; // ||x|| is 1
            if (length == 0)
            {
                break;
            }

            for (var k = 0; k < size; k++)
            {
                x[k] = y[k] / length;
            }

            if (lambda - previous <= _options.Tolerance * lambda)
            {
                break;
            }
        }

        return (Math.Max(lambda, norm), iterations);
    }

    private int Gather(int ego, int expected)
    {
        var stamp = ego + 1;
        var row = _graph.NeighborsOf(ego);
        for (var k = 0; k < row.Length; k++)
        {
            _owner[row[k]] = stamp;
            _local[row[k]] = k + 1;
        }

        EnsureCapacity(ref _edgeA, expected);
        EnsureCapacity(ref _edgeB, expected);
        EnsureCapacity(ref _edgeW, expected);
        var count = 0;
        for (var k = 0; k < row.Length; k++)
        {
            var outRow = _forward.Out(row[k]);
            var outWeights = _forward.OutWeights(row[k]);
            for (var j = 0; j < outRow.Length; j++)
            {
                if (_owner[outRow[j]] == stamp)
                {
                    _edgeA[count] = k + 1;
                    _edgeB[count] = _local[outRow[j]];
                    _edgeW[count++] = outWeights[j];
                }
            }
        }

        if (count != expected)
        {
            throw new InvalidOperationException($"egonet of host {ego}: {count} edges among neighbours, triangle count says {expected}");
        }

        return count;
    }

    private void Multiply(ReadOnlySpan<double> star, int inner, ReadOnlySpan<double> x, Span<double> y)
    {
        var ego = 0.0;
        for (var k = 0; k < star.Length; k++)
        {
            ego += star[k] * x[k + 1];
            y[k + 1] = star[k] * x[0];
        }

        y[0] = ego;
        var a = _edgeA.AsSpan(0, inner);
        var b = _edgeB.AsSpan(0, inner);
        var w = _edgeW.AsSpan(0, inner);
        for (var k = 0; k < a.Length; k++)
        {
            y[a[k]] += w[k] * x[b[k]];
            y[b[k]] += w[k] * x[a[k]];
        }
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        foreach (var value in v)
        {
            sum += value * value;
        }

        return Math.Sqrt(sum);
    }

    private static void EnsureCapacity<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[Math.Max(size, array.Length * 2)];
        }
    }
}
