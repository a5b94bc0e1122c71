namespace BotCapturer.Graph;

/// <summary>
/// OddBall's egonet features for every host (Akoglu, McGlohon, Faloutsos, PAKDD 2010, §3): the egonet is the host,
/// its neighbours and every edge among them. N = neighbours, E = egonet edges (the host's own plus those among its
/// neighbours), W = total egonet weight, λ = principal eigenvalue of the egonet's weighted adjacency matrix.
/// </summary>
public sealed class EgonetFeatures
{
    internal EgonetFeatures(int[] n, long[] e, double[] w, double[] lambda, int[] lambdaIterations)
    {
        N = n;
        E = e;
        W = w;
        Lambda = lambda;
        LambdaIterations = lambdaIterations;
    }

    /// <summary>Neighbours (degree) per host.</summary>
    public int[] N { get; }

    /// <summary>Edges in the egonet per host.</summary>
    public long[] E { get; }

    /// <summary>Total egonet weight per host.</summary>
    public double[] W { get; }

    /// <summary>Principal eigenvalue of the weighted egonet adjacency per host.</summary>
    public double[] Lambda { get; }

    /// <summary>Power iterations spent on each host's λ (0: exact closed form for a star egonet).</summary>
    public int[] LambdaIterations { get; }

    /// <summary>Number of hosts.</summary>
    public int Count => N.Length;

    /// <summary>
    /// Computes the features of every host. E and W are exact (triangle listing); λ is exact for star egonets and
    /// a power-iteration estimate otherwise (<see cref="EgonetOptions"/> bounds the effort).
    /// </summary>
    public static EgonetFeatures Compute(HostGraph graph, EgonetOptions? options = null)
    {
        options ??= EgonetOptions.Default;
        var count = graph.NodeCount;
        var n = new int[count];
        var e = new long[count];
        var w = new double[count];
        for (var i = 0; i < count; i++)
        {
            n[i] = graph.Degree(i);
            e[i] = n[i];
            w[i] = graph.Strength(i);
        }

        var forward = ForwardAdjacency.Create(graph);
        CountTriangles(forward, e, w);
        var lambda = new double[count];
        var iterations = new int[count];
        var solver = new EgonetEigenSolver(graph, forward, options);
        for (var i = 0; i < count; i++)
        {
            (lambda[i], iterations[i]) = solver.PrincipalEigenvalue(i, e[i] - n[i]);
        }

        return new EgonetFeatures(n, e, w, lambda, iterations);
    }

    // Each triangle (u, v, x) puts the edge opposite a corner into that corner's egonet: E+1 and W+w(opposite) for
    // all three. Listed once each with the "forward" algorithm over a degree ordering (Schank & Wagner 2005,
    // O(m^1.5)), so hubs never scan each other's full rows.
    private static void CountTriangles(ForwardAdjacency forward, long[] e, double[] w)
    {
        var count = e.Length;
        var mark = new int[count];
        var markWeight = new double[count];
        for (var u = 0; u < count; u++)
        {
            var stamp = u + 1;
            var outU = forward.Out(u);
            var outUw = forward.OutWeights(u);
            for (var k = 0; k < outU.Length; k++)
            {
                mark[outU[k]] = stamp;
                markWeight[outU[k]] = outUw[k];
            }

            for (var k = 0; k < outU.Length; k++)
            {
                var v = outU[k];
                var wuv = outUw[k];
                var outV = forward.Out(v);
                var outVw = forward.OutWeights(v);
                for (var j = 0; j < outV.Length; j++)
                {
                    var x = outV[j];
                    if (mark[x] != stamp)
                    {
                        continue;
                    }

                    e[u]++;
                    e[v]++;
                    e[x]++;
                    w[u] += outVw[j];
                    w[v] += markWeight[x];
                    w[x] += wuv;
                }
            }
        }
    }
}
