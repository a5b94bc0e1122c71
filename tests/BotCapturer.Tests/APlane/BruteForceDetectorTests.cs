using BotCapturer.APlane;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public class BruteForceDetectorTests
{
    private static readonly byte[] SshBanner = Ascii("SSH-2.0-libssh2_1.8.0\r\n");

    [Fact]
    public void Many_short_similar_ssh_logins_are_a_brute_force()
    {
        var detector = new BruteForceDetector();
        for (var i = 0; i < 40; i++)
        {
            detector.Observe(Connection("203.0.113.9", "10.0.0.22", 22, T0 + i * 3 * Second, 2 * Second, SshBanner, null, clientBytes: 2400 + (i % 5) * 30, serverBytes: 2500));
        }

        var activity = Assert.Single(detector.Complete());
        Assert.Equal(ActivityType.BruteForce, activity.Type);
        Assert.Equal(Ip("203.0.113.9"), activity.Host);
        Assert.Equal("tcp/22:10.0.0.0/24", activity.ClusterKey);
        Assert.Equal(40, activity.Count);
        Assert.Equal(Ip("10.0.0.22"), activity.TargetHost);
        Assert.Equal(((ushort?)22, (ushort?)22), (activity.PortLow, activity.PortHigh));
    }

    [Fact]
    public void Vmware_auth_and_telnet_2323_are_services_too()
    {
        var detector = new BruteForceDetector();
        for (var i = 0; i < 35; i++)
        {
            detector.Observe(Connection("203.0.113.9", "10.0.0.22", 902, T0 + i * Second, Second, Ascii("USER root\r\n"), null, clientBytes: 300));
            detector.Observe(Connection("203.0.113.9", "10.0.0.23", 2323, T0 + i * Second, Second, Ascii("root\r\n"), null, clientBytes: 40));
        }

        Assert.Equal(2, detector.Complete().Count);
    }

    [Fact]
    public void Http_requests_with_authorization_count_on_any_port()
    {
        var detector = new BruteForceDetector();
        for (var i = 0; i < 30; i++)
        {
            detector.Observe(Connection("203.0.113.9", "10.0.0.80", 8000, T0 + i * Second, Second / 2,
                Ascii($"GET /admin HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YWRtaW46{i:D4}\r\n\r\n"), Ascii("HTTP/1.1 401 Unauthorized\r\n\r\n")));
        }

        Assert.Equal("tcp/8000:10.0.0.0/24", Assert.Single(detector.Complete()).ClusterKey);
    }

    [Fact]
    public void Busy_web_client_is_not_a_brute_force()
    {
        var detector = new BruteForceDetector();
        for (var i = 0; i < 200; i++)
        {
            detector.Observe(Connection("192.168.1.20", "93.184.216.34", 443, T0 + i * Second, Second, Ascii("\u0016\u0003\u0001"), Ascii("\u0016\u0003\u0003")));
            detector.Observe(Connection("192.168.1.20", "93.184.216.34", 80, T0 + i * Second, Second, Ascii("GET / HTTP/1.1\r\n\r\n"), Ascii("HTTP/1.1 200 OK\r\n\r\n")));
        }

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void Long_interactive_sessions_and_few_logins_are_not_a_brute_force()
    {
        var detector = new BruteForceDetector();
        for (var i = 0; i < 40; i++)
        {
            detector.Observe(Connection("192.168.1.20", "10.0.0.22", 22, T0 + i * 600 * Second, 500 * Second, SshBanner, null, clientBytes: 50_000));
        }

        for (var i = 0; i < 10; i++)
        {
            detector.Observe(Connection("192.168.1.21", "10.0.0.22", 22, T0 + i * Second, Second, SshBanner, null, clientBytes: 2400));
        }

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void Dissimilar_connections_are_not_a_brute_force()
    {
        var detector = new BruteForceDetector();
        for (var i = 0; i < 40; i++)
        {
            // Mostly tiny, a few huge: the size spread (cv > 1) says these are not one tool's repeated login.
            detector.Observe(Connection("192.168.1.20", "10.0.0.22", 22, T0 + i * Second, Second, SshBanner, null, clientBytes: i % 10 == 0 ? 1_000_000 : 100));
        }

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void Failed_connections_are_left_to_the_scan_detector()
    {
        var detector = new BruteForceDetector();
        for (var i = 0; i < 50; i++)
        {
            detector.Observe(RejectedTcp("192.168.1.20", "10.0.0.22", 22, T0 + i * Second));
        }

        Assert.Empty(detector.Complete());
    }
}
