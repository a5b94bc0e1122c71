using BotCapturer.Graph;

namespace BotCapturer.Tests.Graph;

public sealed class LofTests
{
    [Fact]
    public void GridWithFarPoint_OnlyTheFarPointIsAnOutlier()
    {
        // A 5 × 5 unit grid and one point at (20, 20).
        var points = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                points.Add(i);
                points.Add(j);
            }
        }

        points.Add(20);
        points.Add(20);
        var lof = Lof.Compute(points.ToArray(), 2, 5);
        Assert.True(lof[25] > 5, $"outlier LOF {lof[25]}");
        for (var i = 0; i < 25; i++)
        {
            Assert.InRange(lof[i], 0.7, 1.6);
        }
    }

    [Fact]
    public void HandComputedLineOfPoints()
    {
        // 0, 1, 2 and 10 on a line, k = 1. Nearest neighbours: 0→1, 1→0 (tie with 2, either gives distance 1),
        // 2→1, 10→2. k-distances: 1, 1, 1, 8. lrd(0) = 1 / max(kd(1), 1) = 1; likewise lrd(1) = lrd(2) = 1;
        // lrd(10) = 1 / max(kd(2), 8) = 1/8. LOF(10) = lrd(2) / lrd(10) = 8, the others 1.
        var lof = Lof.Compute([0, 1, 2, 10], 1, 1);
        Assert.Equal(1, lof[0], 12);
        Assert.Equal(1, lof[1], 12);
        Assert.Equal(1, lof[2], 12);
        Assert.Equal(8, lof[3], 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void KdTree_MatchesBruteForceLof(int seed)
    {
        var random = new Random(seed);
        const int n = 400;
        const int d = 3;
        var points = new double[n * d];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = random.NextDouble() * (i % 7 == 0 ? 10 : 1);
        }

        var fast = Lof.Compute(points, d, 10);
        var slow = BruteForce(points, d, 10);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(slow[i], fast[i], 9);
        }
    }

    [Fact]
    public void Duplicates_ShareTheirPointsScore()
    {
        // Thirty copies of the origin would give infinite densities; distinct-point LOF gives them one finite value.
        var points = Enumerable.Repeat(0.0, 30).Concat([1.0, 2.0, 3.0, 50.0]).ToArray();
        var lof = Lof.Compute(points, 1, 2);
        Assert.All(lof, v => Assert.True(double.IsFinite(v)));
        Assert.All(lof.Take(30), v => Assert.Equal(lof[0], v));
        Assert.Equal(lof.Max(), lof[33]);
    }

    private static double[] BruteForce(double[] points, int d, int k)
    {
        var n = points.Length / d;
        double Dist(int a, int b) => Math.Sqrt(Enumerable.Range(0, d).Sum(t => Math.Pow(points[(a * d) + t] - points[(b * d) + t], 2)));
        var knn = Enumerable.Range(0, n).Select(p => Enumerable.Range(0, n).Where(o => o != p).OrderBy(o => Dist(p, o)).Take(k).ToArray()).ToArray();
        var kd = Enumerable.Range(0, n).Select(p => Dist(p, knn[p][^1])).ToArray();
        var lrd = Enumerable.Range(0, n).Select(p => k / knn[p].Sum(o => Math.Max(kd[o], Dist(p, o)))).ToArray();
        return Enumerable.Range(0, n).Select(p => knn[p].Average(o => lrd[o]) / lrd[p]).ToArray();
    }
}
