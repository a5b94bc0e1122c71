namespace BotCapturer.Graph;

/// <summary>
/// A power law <c>y = C x^θ</c> fitted by least squares on <c>(ln x, ln y)</c> (OddBall, Akoglu 2010, §3.2:
/// the Egonet Density, Egonet Weight and Eigenvalue Power Laws), and OddBall's out-of-line score against it.
/// </summary>
public readonly record struct PowerLaw(double C, double Theta, int Points)
{
    /// <summary>The fitted value <c>C x^θ</c>.</summary>
    public double Predict(double x) => C * Math.Pow(x, Theta);

    /// <summary>
    /// OddBall §3.3 out-of-line score: <c>max(y, Cx^θ) / min(y, Cx^θ) · ln(|y − Cx^θ| + 1)</c>; 0 on the line,
    /// growing with both the ratio and the absolute distance from it. Undefined (0) where x or y is not positive.
    /// </summary>
    public double OutOfLine(double x, double y)
    {
        if (!(x > 0) || !(y > 0))
        {
            return 0;
        }

        var fitted = Predict(x);
        if (!(fitted > 0))
        {
            return 0;
        }

        return Math.Max(y, fitted) / Math.Min(y, fitted) * Math.Log(Math.Abs(y - fitted) + 1);
    }

    /// <summary>
    /// Least-squares line through <c>(ln x_i, ln y_i)</c> over the points where both are positive. With fewer than two
    /// distinct x the slope is undefined; the fit is then θ = 0, C = the geometric mean of y (a flat line).
    /// </summary>
    public static PowerLaw Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y differ in length");
        }

        var count = 0;
        double sx = 0, sy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] > 0 && y[i] > 0)
            {
                count++;
                sx += Math.Log(x[i]);
                sy += Math.Log(y[i]);
            }
        }

        if (count == 0)
        {
            return new PowerLaw(1, 0, 0);
        }

        var mx = sx / count;
        var my = sy / count;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] > 0 && y[i] > 0)
            {
                var dx = Math.Log(x[i]) - mx;
                sxx += dx * dx;
                sxy += dx * (Math.Log(y[i]) - my);
            }
        }

        if (sxx <= 1e-12 * count)
        {
            return new PowerLaw(Math.Exp(my), 0, count);
        }

        var theta = sxy / sxx;
        return new PowerLaw(Math.Exp(my - (theta * mx)), theta, count);
    }
}
