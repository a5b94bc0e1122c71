namespace BotCapturer.Generation;

/// <summary>
/// A botmaster's orders over time (scan now, send spam, update): each bot learns of an order at its next
/// check-in, which is how the members of one botnet come to act alike (BotMiner §2: the A-plane).
/// </summary>
internal sealed class Campaigns
{
    private readonly List<long> _times;

    public Campaigns(IEnumerable<long> times) => _times = times.Order().ToList();

    /// <summary>Order times every <paramref name="meanSeconds"/> on average (a Poisson process), from <paramref name="startNs"/> to <paramref name="endNs"/>.</summary>
    public static Campaigns Poisson(DeterministicRandom random, long startNs, long endNs, double meanSeconds)
    {
        var times = new List<long>();
        var t = startNs + (long)(random.Exponential(meanSeconds) * 1e9);
        while (t < endNs)
        {
            times.Add(t);
            t += (long)(random.Exponential(meanSeconds) * 1e9);
        }

        return new Campaigns(times);
    }

    /// <summary>True when an order was given in (<paramref name="afterNs"/>, <paramref name="untilNs"/>].</summary>
    public bool AnyBetween(long afterNs, long untilNs)
    {
        var index = _times.BinarySearch(afterNs + 1);
        if (index < 0)
        {
            index = ~index;
        }

        return index < _times.Count && _times[index] <= untilNs;
    }
}
