using BotCapturer.CPlane;
using BotCapturer.Net;

namespace BotCapturer.Benchmarks.CPlane;

/// <summary>
/// Synthetic C-flows for the C-plane benchmarks, shaped like real traffic: <c>count</c> C-flows from count/5 internal
/// hosts over one day. Benign C-flows follow a few service profiles (DNS, NTP, web, TLS, keep-alives) and two thirds of
/// them hold a single flow, as in the C-flows of <c>../shared/captures</c> (277 of 420 C-flows have one flow; 273 of
/// the 420 52-d vectors are distinct, and 288 of 975 on the generated sample), so many vectors repeat exactly or
/// nearly. 2 % of the C-flows are beacons of 20 botnets (12 flows each, tight sizes, fixed period).
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
            if (botnet >= 0)
            {
                var key = new CFlowKey(6, source, destination, (ushort)(8000 + botnet));
                var period = (60 + (botnet * 30)) * Second;
                var start = random.NextInt64(0, 3600 * Second);
                for (var f = 0; f < 12; f++)
                {
                    flows.Add((key, new FlowSample(start + (f * period), 6 + (botnet % 5), 90 + (botnet * 7) + (float)random.NextDouble(), 400 + (botnet * 50) + (float)(random.NextDouble() * 20))));
                }

                continue;
            }

            var profile = random.Next(10);
            var (protocol, port) = profile switch
            {
                < 3 => ((byte)17, (ushort)53),
                3 => ((byte)17, (ushort)123),
                < 6 => ((byte)6, (ushort)80),
                _ => ((byte)6, (ushort)443),
            };
            var cflowKey = new CFlowKey(protocol, source, destination, port);
            var n = random.NextDouble() < 0.65 ? 1 : 2 + (int)Math.Min(60, -Math.Log(1 - random.NextDouble()) * 4);
            var first = random.NextInt64(0, 86_400 * Second);
            for (var f = 0; f < n; f++)
            {
                flows.Add((cflowKey, Benign(random, profile, first + random.NextInt64(0, 3 * 3600 * Second))));
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

    /// <summary>One flow of a service profile: whole packet counts and byte sizes, durations from 1 ms.</summary>
    private static FlowSample Benign(Random random, int profile, long start)
    {
        var (packets, bytesPerPacket, durationMs) = profile switch
        {
            < 3 => (2, random.Next(70, 260), random.Next(1, 60)), // DNS query and answer
            3 => (2, 90, random.Next(1, 40)), // NTP
            < 6 => (4 + LogNormal(random, 2.5, 1.0), random.Next(200, 1400), LogNormal(random, 5, 1.5)), // web
            8 => (random.Next(3, 6), random.Next(60, 70), random.Next(1, 200)), // TLS keep-alive
            _ => (6 + LogNormal(random, 3.5, 1.2), random.Next(100, 1400), LogNormal(random, 6, 1.5)), // TLS
        };
        var bytes = (double)packets * bytesPerPacket;
        return new FlowSample(start, packets, bytesPerPacket, (float)(bytes / (Math.Max(1, durationMs) / 1000.0)));
    }

    private static int LogNormal(Random random, double mu, double sigma)
    {
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return (int)Math.Min(100_000, Math.Exp(mu + (sigma * gaussian)));
    }
}
