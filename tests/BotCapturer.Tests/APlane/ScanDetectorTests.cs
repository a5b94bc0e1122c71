using BotCapturer.APlane;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public class ScanDetectorTests
{
    [Fact]
    public void Horizontal_telnet_scan_of_random_addresses_is_found_with_a_dispersed_target()
    {
        var detector = new ScanDetector();
        for (var i = 0; i < 40; i++)
        {
            detector.Observe(FailedTcp("192.168.1.5", Spread(i), 23, T0 + i * Second));
        }

        var scan = Assert.Single(detector.Complete());
        Assert.Equal(ActivityType.Scan, scan.Type);
        Assert.Equal(Ip("192.168.1.5"), scan.Host);
        Assert.Equal("horizontal:tcp/23:*", scan.ClusterKey);
        Assert.Equal(40, scan.Count);
        Assert.Null(scan.TargetHost);
        Assert.Equal((ushort?)23, scan.PortLow);
        Assert.Equal((ushort?)23, scan.PortHigh);
    }

    [Fact]
    public void Horizontal_scan_of_one_subnet_names_the_subnet()
    {
        var detector = new ScanDetector();
        for (var i = 1; i <= 30; i++)
        {
            detector.Observe(RejectedTcp("10.0.0.9", $"172.20.5.{i}", 445, T0 + i * Second));
        }

        Assert.Equal("horizontal:tcp/445:172.20.5.0/24", Assert.Single(detector.Complete()).ClusterKey);
    }

    [Fact]
    public void Vertical_scan_of_one_host_is_found()
    {
        var detector = new ScanDetector();
        for (ushort port = 1; port <= 100; port++)
        {
            detector.Observe(RejectedTcp("10.0.0.9", "172.20.5.7", port, T0 + port * Second / 10));
        }

        var scan = Assert.Single(detector.Complete());
        Assert.StartsWith("vertical tcp 172.20.5.7 ports 1-100", scan.Target, StringComparison.Ordinal);
        Assert.Equal("vertical:tcp:172.20.5.0/24", scan.ClusterKey);
        Assert.Equal(Ip("172.20.5.7"), scan.TargetHost);
        Assert.Equal(((ushort?)1, (ushort?)100), (scan.PortLow, scan.PortHigh));
    }

    [Fact]
    public void Udp_vertical_scan_counts_unanswered_probes()
    {
        var detector = new ScanDetector();
        for (ushort port = 1; port <= 80; port++)
        {
            detector.Observe(Udp("10.0.0.9", "172.20.5.7", port, T0 + port * Second, answered: false));
        }

        detector.Observe(IcmpUnreachable("172.20.5.7", "10.0.0.9", T0, packets: 80));
        var scan = Assert.Single(detector.Complete());
        Assert.Contains("80 ICMP unreachable received", scan.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Busy_web_client_with_only_successful_connections_is_not_a_scanner()
    {
        var detector = new ScanDetector();
        for (var i = 0; i < 300; i++)
        {
            detector.Observe(Connection("192.168.1.20", Spread(i % 60), (ushort)(i % 2 == 0 ? 80 : 443), T0 + i * Second, Second, Ascii("GET / HTTP/1.1\r\n\r\n"), Ascii("HTTP/1.1 200 OK\r\n\r\n")));
        }

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void A_single_failed_connection_is_not_a_scan()
    {
        var detector = new ScanDetector();
        detector.Observe(FailedTcp("192.168.1.20", "8.8.8.8", 22, T0));
        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void Failures_below_the_threshold_or_spread_beyond_the_window_are_not_a_scan()
    {
        var detector = new ScanDetector();
        for (var i = 0; i < 24; i++)
        {
            detector.Observe(FailedTcp("192.168.1.20", Spread(i), 23, T0 + i * Second));
        }

        // 40 more failures on another high-severity port, one every 30 s: never 25 within 5 minutes.
        for (var i = 0; i < 40; i++)
        {
            detector.Observe(FailedTcp("192.168.1.20", Spread(i), 22, T0 + i * 30 * Second));
        }

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void P2p_client_failing_on_its_own_low_severity_port_is_not_a_scanner()
    {
        // A Gnutella-like client: 90 peers on 6346 unreachable in two minutes (score 90 x 0.25 = 22.5 < 25).
        var detector = new ScanDetector();
        for (var i = 0; i < 90; i++)
        {
            detector.Observe(FailedTcp("10.1.4.176", Spread(i), 6346, T0 + i * Second));
        }

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void Multicast_and_broadcast_destinations_are_ignored()
    {
        var detector = new ScanDetector();
        for (ushort port = 1; port <= 50; port++)
        {
            detector.Observe(Udp("10.0.0.9", "239.255.255.250", port, T0 + port * Second, answered: false));
            detector.Observe(Udp("10.0.0.9", "255.255.255.255", port, T0 + port * Second, answered: false));
        }

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void Two_detectors_fed_with_halves_merge_to_the_same_result_as_one()
    {
        var (whole, first, second) = (new ScanDetector(), new ScanDetector(), new ScanDetector());
        for (var i = 0; i < 30; i++)
        {
            var flow = FailedTcp("192.168.1.5", Spread(i), 2323, T0 + i * Second);
            whole.Observe(flow);
            (i % 2 == 0 ? first : second).Observe(flow);
        }

        first.Merge(second);
        Assert.Equal(Assert.Single(whole.Complete()), Assert.Single(first.Complete()));
    }

    [Fact]
    public void Thousands_of_groups_at_and_just_under_the_thresholds_are_weighed_exactly()
    {
        // Complete() first counts failures into hashed buckets and gathers only groups whose bucket may reach a
        // threshold. With 1,600 groups one failure short of a threshold and ~90 k failures in all, some of them share a
        // bucket with another group and pass that first test: each must still be weighed exactly and dropped, and
        // every group exactly at its threshold must be kept.
        var detector = new ScanDetector();
        var expected = new List<string>();
        for (var s = 0; s < 1200; s++)
        {
            var source = $"10.{s / 250}.{s % 250}.1";
            var targets = s % 2 == 0 ? 25 : 24; // high-severity port 23: weight 1 each, threshold 25
            for (var t = 0; t < targets; t++)
            {
                detector.Observe(FailedTcp(source, $"172.{16 + (t / 250)}.{s % 250}.{1 + (t % 250)}", 23, T0 + t * Second));
            }

            if (targets == 25)
            {
                expected.Add($"{source} horizontal tcp/23");
            }
        }

        for (var s = 0; s < 800; s++)
        {
            var source = $"10.200.{s / 250}.{1 + (s % 250)}";
            var victim = $"192.0.{s / 250}.{1 + (s % 250)}";
            var ports = s % 2 == 0 ? 60 : 59; // low-severity ports: 0.25 each, threshold 15
            for (var p = 0; p < ports; p++)
            {
                detector.Observe(RejectedTcp(source, victim, (ushort)(40000 + p), T0 + p * Second));
            }

            if (ports == 60)
            {
                expected.Add($"{source} vertical tcp");
            }
        }

        // Noise: 40 k sources that failed once each, to fill the buckets.
        for (var i = 0; i < 40_000; i++)
        {
            detector.Observe(FailedTcp($"100.{64 + (i / 62500)}.{i / 250 % 250}.{1 + (i % 250)}", "198.51.100.7", 22, T0 + i));
        }

        // "horizontal tcp/23 <subnet>", "vertical tcp <victim> ports <low>-<high>": the kind and the service.
        var found = detector.Complete().Select(a => $"{a.Host} {string.Join(' ', a.Target.Split(' ')[..2])}").ToList();
        Assert.Equal(expected, found);
    }
}
