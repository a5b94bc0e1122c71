using BotCapturer.Generation;

namespace BotCapturer.Tests.Generation;

public sealed class DeterministicMathTests
{
    [Fact]
    public void Log_exp_and_pow_agree_with_the_platform_to_a_few_ulps()
    {
        var random = new DeterministicRandom(42);
        for (var i = 0; i < 100_000; i++)
        {
            // the generator's ranges: uniforms in (0, 1], scale factors, exponents of log-normals and Pareto shapes
            var u = 1.0 - random.NextDouble();
            AssertClose(Math.Log(u), DeterministicMath.Log(u));
            var x = random.Uniform(1e-300, 1e300);
            AssertClose(Math.Log(x), DeterministicMath.Log(x));
            var e = random.Uniform(-700, 700);
            AssertClose(Math.Exp(e), DeterministicMath.Exp(e));
            var a = random.Uniform(0.5, 2.5);
            AssertClose(Math.Pow(u, 1 / a), DeterministicMath.Pow(u, 1 / a), 1e-13);
        }
    }

    [Fact]
    public void Edge_values()
    {
        Assert.Equal(0.0, DeterministicMath.Log(1.0));
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0.0));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1)));
        AssertClose(Math.Log(double.Epsilon), DeterministicMath.Log(double.Epsilon));
        Assert.Equal(1.0, DeterministicMath.Exp(0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(710));
        Assert.Equal(0.0, DeterministicMath.Exp(-746));
        AssertClose(Math.E, DeterministicMath.Exp(1));
        Assert.Equal(1.0, DeterministicMath.Pow(1, 5));
    }

    private static void AssertClose(double expected, double actual, double relative = 4e-15)
    {
        var tolerance = Math.Max(Math.Abs(expected) * relative, double.Epsilon);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R}");
    }
}
