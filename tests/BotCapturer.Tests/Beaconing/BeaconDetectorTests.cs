using BotCapturer.Beaconing;
using BotCapturer.CPlane;
using BotCapturer.Net;

namespace BotCapturer.Tests.Beaconing;

public sealed class BeaconDetectorTests
{
    private const long Second = 1_000_000_000;
    private const byte Tcp = 6;
    private const byte Udp = 17;

    [Fact]
    public void A_bot_checking_in_every_five_minutes_beacons()
    {
        var random = new Random(1);
        var cflows = new List<KeyValuePair<CFlowKey, IReadOnlyList<long>>>
        {
            CFlow(Tcp, "10.0.0.5", "203.0.113.9", 8080, [.. Enumerable.Range(0, 12).Select(i => (i * 300 * Second) + (long)(random.NextDouble() * 4 * Second))]),
        };
        cflows.AddRange(Browser(random, "10.0.0.6"));

        var result = BeaconDetector.Detect(cflows);

        var beacon = Assert.Single(result.Beacons);
        Assert.Equal(HostAddress.Parse("10.0.0.5"), beacon.Key.Source);
        Assert.Equal(300, beacon.PeriodSeconds, 0);
        Assert.True(beacon.Strength > 10);
    }

    [Fact]
    public void A_lone_check_in_of_three_flows_beacons_when_few_cflows_are_tested()
    {
        // As in training-capture-009: three check-ins 1619.4 s and 1619.8 s apart, one other host with no C-flows.
        var result = BeaconDetector.Detect([CFlow(Tcp, "192.168.1.130", "198.51.100.7", 80, [363 * Second, 1_982_400_000_000, 3_602_200_000_000])]);

        var beacon = Assert.Single(result.Beacons);
        Assert.Equal(1, result.Tested);
        Assert.Equal(-Math.Log10(2.0 / 3239.2), beacon.Strength, 3); // floor 1 s: P = 2·1/3239.2
    }

    [Fact]
    public void The_same_three_flows_among_many_tested_cflows_are_not_enough()
    {
        // Bonferroni: with 200 other C-flows tested, p = 6.2e-4 is no longer below 0.01/201.
        var random = new Random(3);
        var cflows = new List<KeyValuePair<CFlowKey, IReadOnlyList<long>>>
        {
            CFlow(Tcp, "192.168.1.130", "198.51.100.7", 80, [363 * Second, 1_982_400_000_000, 3_602_200_000_000]),
        };
        for (var i = 0; i < 200; i++)
        {
            cflows.Add(CFlow(Tcp, $"10.1.{i / 250}.{(i % 250) + 1}", "192.0.2.80", 443, Poisson(random, 5, 600)));
        }

        var result = BeaconDetector.Detect(cflows);

        Assert.Equal(201, result.Tested);
        Assert.DoesNotContain(result.Beacons, b => b.Key.Source == HostAddress.Parse("192.168.1.130"));
    }

    [Fact]
    public void A_periodic_NTP_or_DNS_client_to_a_well_known_server_does_not_beacon()
    {
        var ntp = Enumerable.Range(0, 30).Select(i => i * 1024 * Second).ToArray(); // RFC 5905 maxpoll 2^10 s
        var dns = Enumerable.Range(0, 30).Select(i => i * 300 * Second).ToArray(); // a 300 s TTL refetched on expiry

        var result = BeaconDetector.Detect(
        [
            CFlow(Udp, "10.0.0.7", "162.159.200.1", 123, ntp),
            CFlow(Udp, "10.0.0.7", "8.8.8.8", 53, dns),
            CFlow(Tcp, "10.0.0.7", "1.1.1.1", 853, dns),
        ]);

        Assert.Equal(0, result.Tested);
        Assert.Empty(result.Beacons);
    }

    [Fact]
    public void A_browser_does_not_beacon()
    {
        var result = BeaconDetector.Detect(Browser(new Random(5), "10.0.0.8"));

        Assert.True(result.Tested > 0);
        Assert.Empty(result.Beacons);
    }

    [Fact]
    public void Options_set_the_level_the_floor_and_the_fewest_flows()
    {
        var key = CFlow(Tcp, "10.0.0.5", "203.0.113.9", 80, []).Key;
        IReadOnlyList<long> starts = [0, 60 * Second, 120 * Second, 180 * Second];
        KeyValuePair<CFlowKey, IReadOnlyList<long>>[] one = [new(key, starts)];

        // Three exact intervals, floor 1 s: P ≤ 2!·(2·1/180)² = 2.5e-4.
        Assert.Single(BeaconDetector.Detect(one).Beacons);
        Assert.Empty(BeaconDetector.Detect(one, BeaconOptions.Default with { Alpha = 1e-4 }).Beacons);
        Assert.Empty(BeaconDetector.Detect(one, BeaconOptions.Default with { JitterFloorSeconds = 30 }).Beacons);
        Assert.Equal(0, BeaconDetector.Detect(one, BeaconOptions.Default with { MinFlows = 5 }).Tested);
        Assert.NotNull((BeaconOptions.Default with { MinFlows = 2 }).Validate());
        Assert.Null(BeaconOptions.Default.Validate());
    }

    /// <summary>A user browsing: page views at exponential think times (mean 60 s), each opening 2–6 connections to the site within 300 ms.</summary>
    private static List<KeyValuePair<CFlowKey, IReadOnlyList<long>>> Browser(Random random, string host)
    {
        string[] sites = ["192.0.2.10", "192.0.2.20", "198.51.100.30"];
        var starts = sites.ToDictionary(s => s, _ => new List<long>());
        double t = 0;
        for (var view = 0; view < 60; view++)
        {
            t += -Math.Log(1 - random.NextDouble()) * 60;
            var site = sites[random.Next(sites.Length)];
            var connections = random.Next(2, 7);
            for (var c = 0; c < connections; c++)
            {
                starts[site].Add((long)((t + (random.NextDouble() * 0.3)) * Second));
            }
        }

        return [.. starts.Select(s => CFlow(Tcp, host, s.Key, 443, s.Value))];
    }

    private static long[] Poisson(Random random, int flows, double meanSeconds)
    {
        var starts = new long[flows];
        double t = 0;
        for (var i = 0; i < flows; i++)
        {
            t += -Math.Log(1 - random.NextDouble()) * meanSeconds;
            starts[i] = (long)(t * Second);
        }

        return starts;
    }

    private static KeyValuePair<CFlowKey, IReadOnlyList<long>> CFlow(byte protocol, string source, string destination, ushort port, IReadOnlyList<long> starts) =>
        new(new CFlowKey(protocol, HostAddress.Parse(source), HostAddress.Parse(destination), port), starts);
}
