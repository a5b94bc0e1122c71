using BotCapturer.Graph;

namespace BotCapturer.Tests.Graph;

public sealed class PowerLawTests
{
    [Fact]
    public void Fit_RecoversAnExactLaw()
    {
        // y = 2 x^1.5 on x = 1, 4, 9, 16: ln y = ln 2 + 1.5 ln x exactly.
        double[] x = [1, 4, 9, 16];
        var y = x.Select(v => 2 * Math.Pow(v, 1.5)).ToArray();
        var law = PowerLaw.Fit(x, y);
        Assert.Equal(1.5, law.Theta, 12);
        Assert.Equal(2, law.C, 12);
        Assert.Equal(4, law.Points);
    }

    [Fact]
    public void Fit_IsLeastSquaresOnLogs()
    {
        // ln x = 0, 1, 2 and ln y = 0, 2, 1: slope = Σdx·dy / Σdx² = (−1·−1 + 0 + 1·0) / 2 = 0.5,
        // intercept = mean ln y − 0.5 · mean ln x = 1 − 0.5 = 0.5, so C = e^0.5.
        double[] x = [1, Math.E, Math.E * Math.E];
        double[] y = [1, Math.Exp(2), Math.E];
        var law = PowerLaw.Fit(x, y);
        Assert.Equal(0.5, law.Theta, 12);
        Assert.Equal(Math.Exp(0.5), law.C, 12);
    }

    [Fact]
    public void Fit_SkipsNonPositivePointsAndHandlesOneDistinctX()
    {
        var law = PowerLaw.Fit([0, 3, 3], [5, 2, 8]);
        Assert.Equal(2, law.Points);
        Assert.Equal(0, law.Theta);
        Assert.Equal(4, law.C, 12); // geometric mean of 2 and 8
    }

    [Fact]
    public void OutOfLine_MatchesOddBallFormula()
    {
        var law = new PowerLaw(2, 1.5, 4);

        // x = 4: fitted 2 · 8 = 16. y = 64: (64 / 16) · ln(48 + 1) = 4 ln 49.
        Assert.Equal(4 * Math.Log(49), law.OutOfLine(4, 64), 12);

        // Below the line by the same ratio: (16 / 4) · ln(12 + 1): the distance term makes it smaller.
        Assert.Equal(4 * Math.Log(13), law.OutOfLine(4, 4), 12);

        Assert.Equal(0, law.OutOfLine(4, 16), 12);
        Assert.Equal(0, law.OutOfLine(0, 16));
    }
}
