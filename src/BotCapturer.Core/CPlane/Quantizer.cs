namespace BotCapturer.CPlane;

/// <summary>
/// BotMiner §4.1.2: each feature is quantized into 13 bins whose split points are the 5, 10, 15, 20, 25, 30, 40,
/// 50, 60, 70, 80 and 90th percentiles of that feature over all flows in the analysis. Bin i holds values x with
/// s(i) &lt; x &lt;= s(i+1) (the seed's rule), bin 0 everything at or below s(1), bin 12 everything above s(12).
/// </summary>
public static class Quantizer
{
    /// <summary>Number of bins per feature.</summary>
    public const int Bins = 13;

    /// <summary>The percentiles that split the bins.</summary>
    public static readonly double[] Percentiles = [5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90];

    /// <summary>
    /// The p-th percentile of sorted values by linear interpolation between order statistics (Hyndman and Fan 1996,
    /// definition 7; the default of numpy.percentile and R's quantile): h = (n - 1) p / 100, x[floor h] +
    /// (h - floor h)(x[floor h + 1] - x[floor h]).
    /// </summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        var h = (sorted.Length - 1) * p / 100.0;
        var lower = (int)Math.Floor(h);
        return lower + 1 >= sorted.Length ? sorted[lower] : sorted[lower] + ((h - lower) * (sorted[lower + 1] - sorted[lower]));
    }

    /// <summary>The 12 split points of values that need not be sorted (the span is sorted in place).</summary>
    public static double[] SplitPoints(Span<double> values)
    {
        values.Sort();
        var splits = new double[Percentiles.Length];
        for (var i = 0; i < splits.Length; i++)
        {
            splits[i] = Percentile(values, Percentiles[i]);
        }

        return splits;
    }

    /// <summary>
    /// The 12 split points of non-negative integer values given as a frequency table (<paramref name="counts"/>[v] is
    /// how often v occurs): the same percentiles without sorting every value (used for fph).
    /// </summary>
    public static double[] SplitPointsFromCounts(ReadOnlySpan<long> counts)
    {
        long n = 0;
        foreach (var c in counts)
        {
            n += c;
        }

        var cumulative = new long[counts.Length];
        long run = 0;
        for (var v = 0; v < counts.Length; v++)
        {
            run += counts[v];
            cumulative[v] = run;
        }

        // The k-th order statistic (0-based) is the smallest v whose cumulative count exceeds k.
        double OrderStatistic(long k)
        {
            var index = Array.BinarySearch(cumulative, k + 1);
            return index >= 0 ? LowestWith(cumulative, index) : ~index;
        }

        var splits = new double[Percentiles.Length];
        for (var i = 0; i < splits.Length; i++)
        {
            splits[i] = n == 0 ? 0 : Percentile(n, OrderStatistic, Percentiles[i]);
        }

        return splits;
    }

    /// <summary>The bin of a value: the number of split points strictly below it, so s(i) &lt; x &lt;= s(i+1) lands in bin i.</summary>
    public static int Bin(double value, ReadOnlySpan<double> splits)
    {
        // lower bound: first split >= value
        int lo = 0, hi = splits.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (splits[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static long LowestWith(long[] cumulative, int index)
    {
        // equal cumulative counts come from values that never occur; the order statistic is the first of them
        while (index > 0 && cumulative[index - 1] == cumulative[index])
        {
            index--;
        }

        return index;
    }

    private static double Percentile(long n, Func<long, double> orderStatistic, double p)
    {
        if (n == 0)
        {
            return 0;
        }

        var h = (n - 1) * p / 100.0;
        var lower = (long)Math.Floor(h);
        var x0 = orderStatistic(lower);
        return lower + 1 >= n ? x0 : x0 + ((h - lower) * (orderStatistic(lower + 1) - x0));
    }
}
