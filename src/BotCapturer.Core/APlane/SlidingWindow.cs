namespace BotCapturer.APlane;

/// <summary>The busiest stretch of a time series: the most weight inside any window of a given length.</summary>
internal static class SlidingWindow
{
    /// <summary>
    /// Over events sorted by time, finds the window of <paramref name="windowNs"/> holding the largest total weight.
    /// Returns the index range [start, end) of the events in it and that total.
    /// </summary>
    public static (int Start, int End, double Total) Busiest<T>(IReadOnlyList<T> sorted, Func<T, long> time, Func<T, double> weight, long windowNs)
    {
        var best = (Start: 0, End: 0, Total: 0.0);
        var total = 0.0;
        var start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            total += weight(sorted[end]);
            while (time(sorted[end]) - time(sorted[start]) > windowNs)
            {
                total -= weight(sorted[start]);
                start++;
            }

            if (total > best.Total)
            {
                best = (start, end + 1, total);
            }
        }

        return best;
    }
}
