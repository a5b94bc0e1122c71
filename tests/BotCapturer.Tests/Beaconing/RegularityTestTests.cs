using BotCapturer.Beaconing;

namespace BotCapturer.Tests.Beaconing;

public sealed class RegularityTestTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void Two_intervals_give_the_exact_uniform_share_probability()
    {
        // Intervals 100 s and 110 s: shares 100/210 and 110/210, largest deviation from 1/2 is 5/210; P = 2·5/210.
        var p = Math.Pow(10, RegularityTest.Log10PValue([0, 100 * Second, 210 * Second], 1.0));

        Assert.Equal(10.0 / 210, p, 12);
    }

    [Fact]
    public void Deviations_below_the_floor_count_as_the_floor()
    {
        // A perfect 60 s beacon, three flows: deviation 0 is credited as 1 s; P = 2·1/120.
        var p = Math.Pow(10, RegularityTest.Log10PValue([0, 60 * Second, 120 * Second], 1.0));

        Assert.Equal(1.0 / 60, p, 12);
    }

    [Theory]
    [InlineData(new long[] { })]
    [InlineData(new long[] { 5 * Second })]
    [InlineData(new long[] { 0, 60 * Second })] // one interval: nothing to repeat
    [InlineData(new long[] { 0, 5_000_000, 10_000_000 })] // a burst 5 ms apart: below the 1 s floor
    [InlineData(new long[] { 0, 10 * Second, 10 * Second })]
    public void Too_few_or_too_close_starts_carry_no_evidence(long[] starts) =>
        Assert.Equal(0, RegularityTest.Log10PValue(starts, 1.0));

    [Fact]
    public void Many_regular_intervals_give_a_tiny_p_value()
    {
        // 20 check-ins every 300 s ± 2 s.
        var starts = Enumerable.Range(0, 20).Select(i => (i * 300 * Second) + ((i % 3) - 1) * 2 * Second).ToArray();

        Assert.True(RegularityTest.Log10PValue(starts, 1.0) < -20);
    }

    [Fact]
    public void The_bound_is_conservative_for_Poisson_arrivals()
    {
        // Under the null the bound must reject at most as often as its level: simulate Poisson arrivals.
        var random = new Random(7);
        foreach (var flows in new[] { 3, 5, 10, 40 })
        {
            var rejected = 0;
            const int Runs = 4000;
            for (var r = 0; r < Runs; r++)
            {
                var starts = new long[flows];
                double t = 0;
                for (var i = 0; i < flows; i++)
                {
                    t += -Math.Log(1 - random.NextDouble()) * 300;
                    starts[i] = (long)(t * Second);
                }

                if (RegularityTest.Log10PValue(starts, 1.0) <= Math.Log10(0.05))
                {
                    rejected++;
                }
            }

            Assert.True(rejected <= 0.05 * Runs, $"{flows} flows: {rejected} of {Runs} rejected at 0.05");
        }
    }
}
