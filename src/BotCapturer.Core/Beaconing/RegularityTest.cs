namespace BotCapturer.Beaconing;

/// <summary>
/// How unlikely a sequence of flow starts is to be that regular if the starts were independent arrivals.
/// Null hypothesis: the starts of one C-flow form a Poisson process, the model that fits user-initiated session
/// arrivals (Paxson and Floyd, "Wide-area traffic: the failure of Poisson modeling", 1995). Its k = n − 1 intervals
/// are then i.i.d. exponential, and their shares X_i/ΣX are uniform on the simplex (Dirichlet(1,…,1), density (k−1)!
/// over the first k − 1 shares). A beacon's intervals are nearly equal (BotFinder, Tegeler et al. 2012; AsSadhan and
/// Moura 2014: bots check in every T seconds), so the statistic is the largest deviation of a share from 1/k.
/// </summary>
public static class RegularityTest
{
    /// <summary>
    /// log10 of an upper bound on P(max_i |X_i/ΣX − 1/k| ≤ δ) under the null, δ being the observed largest deviation
    /// of an interval from the mean interval (at least <paramref name="floorSeconds"/>) over the sum of intervals.
    /// The event lies in the cube of side 2δ around the centre in the first k − 1 shares, so
    /// P ≤ (k − 1)!·(2δ)^(k−1), exact for k = 2 (the share of two exponentials is uniform). 0 (p = 1) when there are
    /// fewer than two intervals or the bound reaches 1.
    /// </summary>
    /// <param name="startsNs">Flow start times in nanoseconds, ascending.</param>
    /// <param name="floorSeconds">Smallest deviation credited, seconds.</param>
    public static double Log10PValue(ReadOnlySpan<long> startsNs, double floorSeconds)
    {
        var k = startsNs.Length - 1;
        if (k < 2)
        {
            return 0;
        }

        var total = (startsNs[^1] - startsNs[0]) / 1e9;
        if (!(total > 0))
        {
            return 0;
        }

        var mean = total / k;
        var deviation = floorSeconds;
        for (var i = 1; i <= k; i++)
        {
            deviation = Math.Max(deviation, Math.Abs(((startsNs[i] - startsNs[i - 1]) / 1e9) - mean));
        }

        var delta = deviation / total;
        if (2 * delta >= 1)
        {
            return 0;
        }

        double lnFactorial = 0;
        for (var i = 2; i < k; i++)
        {
            lnFactorial += Math.Log(i);
        }

        var lnP = lnFactorial + ((k - 1) * Math.Log(2 * delta));
        return Math.Min(0, lnP / Math.Log(10));
    }
}
