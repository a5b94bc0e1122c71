using BotCapturer.Graph;

namespace BotCapturer.Tests.Graph;

public sealed class EgonetFeaturesTests
{
    [Fact]
    public void Star_HasClosedFormFeatures()
    {
        // Star c with leaves weighted 1, 2, 2: N = 3, E = 3, W = 5, λ = sqrt(1 + 4 + 4) = 3 (eigenvalues ±||w||).
        var graph = GraphTestGraphs.Build("c-a:1", "c-b:2", "c-d:2");
        var f = EgonetFeatures.Compute(graph);
        var c = GraphTestGraphs.Id(graph, "c");
        Assert.Equal(3, f.N[c]);
        Assert.Equal(3, f.E[c]);
        Assert.Equal(5, f.W[c]);
        Assert.Equal(3, f.Lambda[c], 12);
        Assert.Equal(0, f.LambdaIterations[c]);

        // A leaf's egonet is one edge: N = E = 1, W = λ = its weight.
        var b = GraphTestGraphs.Id(graph, "b");
        Assert.Equal((1, 1L, 2.0, 2.0), (f.N[b], f.E[b], f.W[b], f.Lambda[b]));
    }

    [Fact]
    public void TriangleWithPendant_MatchesHandComputedEgonets()
    {
        // a-b, a-c, b-c weight 1 (a triangle), a-d weight 2.
        var graph = GraphTestGraphs.Build("a-b:1", "a-c:1", "b-c:1", "a-d:2");
        var f = EgonetFeatures.Compute(graph);
        int a = GraphTestGraphs.Id(graph, "a"), b = GraphTestGraphs.Id(graph, "b"), d = GraphTestGraphs.Id(graph, "d");

        // Egonet of a is the whole graph: N = 3, E = 3 own + b-c = 4, W = 1 + 1 + 2 + 1 = 5.
        Assert.Equal((3, 4L, 5.0), (f.N[a], f.E[a], f.W[a]));

        // λ of [[0,1,1,2],[1,0,1,0],[1,1,0,0],[2,0,0,0]]: with x = (p, q, q, r), λq = p + q and λr = 2p give
        // λ = 2/(λ-1) + 4/λ, i.e. λ³ − λ² − 6λ + 4 = 0, whose largest root is 2.68133...
        var l = f.Lambda[a];
        Assert.Equal(0, (l * l * l) - (l * l) - (6 * l) + 4, 6);
        Assert.InRange(l, 2.68, 2.69);

        // Egonet of b is the unit triangle a, b, c: N = 2, E = 3, W = 3, λ = 2.
        Assert.Equal((2, 3L, 3.0), (f.N[b], f.E[b], f.W[b]));
        Assert.Equal(2, f.Lambda[b], 8);

        Assert.Equal((1, 1L, 2.0, 2.0), (f.N[d], f.E[d], f.W[d], f.Lambda[d]));
    }

    [Fact]
    public void UnitClique_LambdaIsNMinusOne()
    {
        // K5 with unit weights: every egonet is K5, E = 10, W = 10, λ = 4.
        var graph = GraphTestGraphs.Build("a-b:1", "a-c:1", "a-d:1", "a-e:1", "b-c:1", "b-d:1", "b-e:1", "c-d:1", "c-e:1", "d-e:1");
        var f = EgonetFeatures.Compute(graph);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal((4, 10L, 10.0), (f.N[i], f.E[i], f.W[i]));
            Assert.Equal(4, f.Lambda[i], 8);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomGraph_MatchesBruteForce(int seed)
    {
        var graph = GraphTestGraphs.Random(60, 0.15, seed);
        var f = EgonetFeatures.Compute(graph);
        for (var i = 0; i < graph.NodeCount; i++)
        {
            var row = graph.NeighborsOf(i).ToArray();
            long e = row.Length;
            var w = graph.Strength(i);
            for (var x = 0; x < row.Length; x++)
            {
                for (var y = x + 1; y < row.Length; y++)
                {
                    var between = graph.WeightBetween(row[x], row[y]);
                    if (between > 0)
                    {
                        e++;
                        w += between;
                    }
                }
            }

            Assert.Equal(e, f.E[i]);
            Assert.Equal(w, f.W[i], 9);
            // Power iteration stops when λ moves by < 1e-10 relative; on slowly converging egonets that leaves an
            // error of about 1e-6 relative (EgonetOptions).
            var reference = DenseLambda(graph, i);
            Assert.InRange(f.Lambda[i], reference * (1 - 2e-6), reference * (1 + 1e-12));
        }
    }

    [Fact]
    public void CappedIterations_GiveALowerBoundAboveTheStarValue()
    {
        var graph = GraphTestGraphs.Random(60, 0.3, 7);
        var capped = EgonetFeatures.Compute(graph, new EgonetOptions { MaxIterations = 2, MinIterations = 2 });
        var full = EgonetFeatures.Compute(graph);
        for (var i = 0; i < graph.NodeCount; i++)
        {
            var star = Math.Sqrt(graph.WeightsOf(i).ToArray().Sum(x => x * x));
            Assert.InRange(capped.Lambda[i], star - 1e-9, full.Lambda[i] + 1e-9);
        }
    }

    // Reference: the egonet as a dense matrix, 5000 power iterations on A + cI (shift removes the ±λ tie).
    private static double DenseLambda(HostGraph graph, int ego)
    {
        var nodes = new List<int> { ego };
        nodes.AddRange(graph.NeighborsOf(ego).ToArray());
        var n = nodes.Count;
        var a = new double[n, n];
        for (var x = 0; x < n; x++)
        {
            for (var y = 0; y < n; y++)
            {
                a[x, y] = x == y ? 0 : graph.WeightBetween(nodes[x], nodes[y]);
            }
        }

        var shift = 1.0;
        var v = Enumerable.Repeat(1.0, n).ToArray();
        var lambda = 0.0;
        for (var it = 0; it < 5000; it++)
        {
            var next = new double[n];
            for (var x = 0; x < n; x++)
            {
                next[x] = shift * v[x];
                for (var y = 0; y < n; y++)
                {
                    next[x] += a[x, y] * v[y];
                }
            }

            var norm = Math.Sqrt(next.Sum(t => t * t));
            lambda = norm - shift;
            v = next.Select(t => t / norm).ToArray();
        }

        return lambda;
    }
}
