using BotCapturer.Graph;

namespace BotCapturer.Tests.Graph;

public sealed class WeightRegularityTests
{
    [Fact]
    public void CoefficientOfVariation_IsPopulationStdOverMean()
    {
        // 2, 4, 6: mean 4, population variance (4 + 0 + 4) / 3, std sqrt(8/3).
        Assert.Equal(Math.Sqrt(8.0 / 3) / 4, WeightRegularity.CoefficientOfVariation([2, 4, 6]), 12);
        Assert.Equal(0, WeightRegularity.CoefficientOfVariation([7]));
        Assert.Equal(0, WeightRegularity.CoefficientOfVariation([5, 5, 5]));
    }

    [Fact]
    public void RangeWidth_AddsOneUnitAtTheTop()
    {
        Assert.Equal(Math.Log(148.0 / 142), WeightRegularity.RangeWidth([142, 144, 147], 1), 12);
        Assert.Equal(Math.Log(2), WeightRegularity.RangeWidth([1, 1, 1, 1], 1), 12);
        Assert.Equal(0, WeightRegularity.RangeWidth([9], 1));
    }

    [Fact]
    public void Evenness_GrowsWithPartnersAndTightness()
    {
        // sqrt(N − 1) · ln(reference / width): N = 5, width 0.04, reference 4 → 2 · ln 100.
        Assert.Equal(2 * Math.Log(100), WeightRegularity.Evenness(5, 0.04, 4), 12);
        Assert.True(WeightRegularity.Evenness(17, 0.04, 4) > WeightRegularity.Evenness(5, 0.04, 4));
        Assert.True(WeightRegularity.Evenness(5, 0.01, 4) > WeightRegularity.Evenness(5, 0.04, 4));

        // No evidence below two partners or when the band is not narrower than typical.
        Assert.Equal(0, WeightRegularity.Evenness(1, 0.01, 4));
        Assert.Equal(0, WeightRegularity.Evenness(50, 5, 4));
    }
}
