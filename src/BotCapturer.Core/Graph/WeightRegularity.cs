namespace BotCapturer.Graph;

/// <summary>
/// How even a host's edge weights are. BotCapturer (IJPE 2018) uses the coefficient of variation of the weights:
/// a command-and-control server talks to each of its bots with nearly the same number of packets.
/// </summary>
public static class WeightRegularity
{
    /// <summary>Population coefficient of variation (standard deviation / mean) of the weights; 0 for fewer than two.</summary>
    public static double CoefficientOfVariation(ReadOnlySpan<double> weights)
    {
        if (weights.Length < 2)
        {
            return 0;
        }

        var mean = Mean(weights);
        return mean > 0 ? StandardDeviation(weights, mean) / mean : 0;
    }

    /// <summary>
    /// Width of the band the weights lie in, on a log scale: <c>ln((max + unit) / min)</c>; 0 for fewer than two
    /// weights. The weight unit (one packet, flow or byte) is added at the top because integer counts cannot vary by
    /// less: forty 1-packet probes span ln 2, forty edges of 142..147 packets span ln(148/142) ≈ 0.04.
    /// </summary>
    public static double RangeWidth(ReadOnlySpan<double> weights, double unit)
    {
        if (weights.Length < 2)
        {
            return 0;
        }

        double min = double.MaxValue, max = 0;
        foreach (var w in weights)
        {
            min = Math.Min(min, w);
            max = Math.Max(max, w);
        }

        return min > 0 ? Math.Log((max + unit) / min) : double.PositiveInfinity;
    }

    /// <summary>
    /// How strikingly even a host's N weights are: <c>sqrt(N − 1) · max(0, ln(reference / width))</c>.
    /// <c>ln(reference / width)</c> is how many times (on a log scale) narrower the host's band is than a typical
    /// host's; N − 1 partners beyond the first each confirm it, and like a test statistic the evidence grows with the
    /// square root of their number. The full likelihood (N − 1 times the log-ratio, "all N − 1 land in the band by
    /// chance") was measured too (docs/graph.md): it lets popular services with merely fairly even weights and
    /// hundreds of clients outrank small botnets with tight ones. 0 below two partners. One partner outside the band
    /// widens it (a documented blind spot).
    /// </summary>
    public static double Evenness(int n, double width, double referenceWidth)
    {
        if (n < 2 || !(width > 0) || !(referenceWidth > width))
        {
            return 0;
        }

        return Math.Sqrt(n - 1) * Math.Log(referenceWidth / width);
    }

    private static double Mean(ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var w in weights)
        {
            sum += w;
        }

        return sum / weights.Length;
    }

    private static double StandardDeviation(ReadOnlySpan<double> weights, double mean)
    {
        var sum = 0.0;
        foreach (var w in weights)
        {
            sum += (w - mean) * (w - mean);
        }

        return Math.Sqrt(sum / weights.Length);
    }
}
