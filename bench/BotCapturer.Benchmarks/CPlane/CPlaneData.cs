using BotCapturer.CPlane;
using BotCapturer.Net;

namespace BotCapturer.Benchmarks.CPlane;

/// <summary>
/// Synthetic C-flows for the C-plane benchmarks: <c>count</c> C-flows from count/5 internal hosts, 1–8 flows each
/// (3 on average), with web-like random sizes, and 2 % of them beacons of 20 botnets (tight, repeated patterns).
/// </summary>
public static class CPlaneData
{
    private const long Second = 1_000_000_000;

    public static (CFlowKey Key, FlowSample Sample)[] Flows(int count, int seed = 1)
    {
        var random = new Random(seed);
        var flows = new List<(CFlowKey, FlowSample)>(count * 3);
        var hosts = Math.Max(1, count / 5);
        for (var i = 0; i < count; i++)
        {
            var source = HostAddress.FromIPv4(0x0A00_0000u | (uint)(i % hosts));
            var destination = HostAddress.FromIPv4((uint)random.Next() | 0x0100_0000u);
            var botnet = random.NextDouble() < 0.02 ? random.Next(20) : -1;
            var key = new CFlowKey(6, source, destination, (ushort)(botnet >= 0 ? 8000 + botnet : random.Next(2) == 0 ? 80 : 443));
            var n = botnet >= 0 ? 12 : random.Next(1, 6);
            var period = (60 + (botnet * 30)) * Second;
            var start = random.NextInt64(0, 3600 * Second);
            for (var f = 0; f < n; f++)
            {
                var sample = botnet >= 0
                    ? new FlowSample(start + (f * period), 6 + (botnet % 5), 90 + (botnet * 7) + (float)random.NextDouble(), 400 + (botnet * 50) + (float)(random.NextDouble() * 20))
                    : new FlowSample(random.NextInt64(0, 86_400 * Second), random.Next(2, 400), random.Next(60, 1400), random.Next(500, 5_000_000));
                flows.Add((key, sample));
            }
        }

        return [.. flows];
    }

    public static CFlowAggregator Aggregate((CFlowKey Key, FlowSample Sample)[] flows)
    {
        var aggregator = new CFlowAggregator(new CPlaneOptions());
        foreach (var (key, sample) in flows)
        {
            aggregator.Add(key, sample);
        }

        return aggregator;
    }
}
