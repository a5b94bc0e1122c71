namespace BotCapturer.Generation;

/// <summary>
/// Natural logarithm and exponential from IEEE 754 additions, multiplications and divisions only, which every
/// platform rounds alike. <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> come from the platform's C library
/// and may differ in the last bit between operating systems and CPUs; the generator's output must not. Accurate to
/// a few ulps over the ranges the generator uses (argument reduction as in fdlibm's e_log.c and e_exp.c).
/// </summary>
internal static class DeterministicMath
{
    // ln 2 split so that k * Ln2Hi is exact for |k| < 2^20 (fdlibm e_exp.c)
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Sqrt2 = 1.4142135623730951;

    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); subnormals are scaled up first
        var k = 0;
        if (x < 2.2250738585072014e-308)
        {
            x *= 18014398509481984.0; // 2^54
            k = -54;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        k += (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m >= Sqrt2)
        {
            m *= 0.5;
            k++;
        }

        // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716; the series to s^25 leaves < 1e-20
        var s = (m - 1.0) / (m + 1.0);
        var s2 = s * s;
        var series = 0.0;
        for (var n = 25; n >= 3; n -= 2)
        {
            series = (series + (1.0 / n)) * s2;
        }

        var logM = (2.0 * s) + (2.0 * s * series);
        return (k * Ln2Hi) + ((k * Ln2Lo) + logM);
    }

    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.78)
        {
            return double.PositiveInfinity;
        }

        if (x < -745.2)
        {
            return 0;
        }

        // x = k ln2 + r, |r| <= ln2 / 2; exp(r) by its Taylor series to r^22 (error < 1e-25)
        var k = (int)Math.Round(x / (Ln2Hi + Ln2Lo));
        var r = (x - (k * Ln2Hi)) - (k * Ln2Lo);
        var sum = 1.0;
        for (var n = 22; n >= 1; n--)
        {
            sum = 1.0 + (sum * r / n);
        }

        // scale by 2^k in two steps so that neither factor overflows or underflows early
        var half = k / 2;
        return sum * PowerOfTwo(half) * PowerOfTwo(k - half);
    }

    /// <summary>x^y for x &gt; 0.</summary>
    public static double Pow(double x, double y) => x == 1 || y == 0 ? 1 : Exp(y * Log(x));

    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
