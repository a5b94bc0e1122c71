using BotCapturer.APlane;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public class SpamDetectorTests
{
    private static readonly byte[] Ehlo = Ascii("EHLO bot\r\nMAIL FROM:<a@b.c>\r\n");

    [Fact]
    public void Smtp_to_many_distinct_servers_is_spam()
    {
        var detector = new SpamDetector();
        for (var i = 0; i < 15; i++)
        {
            detector.Observe(Connection("10.2.25.102", Spread(i), (ushort)(i % 3 == 0 ? 587 : 25), T0 + i * 60 * Second, 5 * Second, Ehlo, Ascii("220 mx ESMTP\r\n")));
        }

        detector.Observe(FailedTcp("10.2.25.102", Spread(99), 25, T0 + 30 * Second));
        var spam = Assert.Single(detector.Complete());
        Assert.Equal(ActivityType.Spam, spam.Type);
        Assert.Equal(16, spam.Destinations.Count);
    }

    [Fact]
    public void A_mail_server_receiving_mail_is_not_a_spammer()
    {
        var detector = new SpamDetector();
        for (var i = 0; i < 100; i++)
        {
            detector.Observe(Connection(Spread(i), "10.0.0.25", 25, T0 + i * Second, 5 * Second, Ehlo, Ascii("220 mx ESMTP\r\n")));
        }

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void A_relay_that_accepts_smtp_may_deliver_to_many_servers()
    {
        var detector = new SpamDetector();
        detector.Observe(Connection("192.168.1.30", "10.0.0.25", 25, T0, Second, Ehlo, Ascii("220 relay\r\n")));
        for (var i = 0; i < 50; i++)
        {
            detector.Observe(Connection("10.0.0.25", Spread(i), 25, T0 + i * Second, 5 * Second, Ehlo, Ascii("220 mx ESMTP\r\n")));
        }

        Assert.Empty(detector.Complete());
        Assert.Single(new SpamDetector(APlaneOptions.Default with { SpamIgnoreMailServers = false }).Also(d =>
        {
            d.Observe(Connection("192.168.1.30", "10.0.0.25", 25, T0, Second, Ehlo, Ascii("220 relay\r\n")));
            for (var i = 0; i < 50; i++)
            {
                d.Observe(Connection("10.0.0.25", Spread(i), 25, T0 + i * Second, 5 * Second, Ehlo, Ascii("220 mx ESMTP\r\n")));
            }
        }).Complete());
    }

    [Fact]
    public void Only_internal_hosts_are_spammers_when_the_network_is_known()
    {
        var detector = new SpamDetector(APlaneOptions.Default with { IsInternal = h => h.IsIPv4 && (h.IPv4Value >> 24) == 10 });
        for (var i = 0; i < 15; i++)
        {
            detector.Observe(Connection("10.2.25.102", Spread(i), 25, T0 + i * Second, Second, Ehlo, null));
            detector.Observe(Connection("198.51.100.77", Spread(i), 25, T0 + i * Second, Second, Ehlo, null));
        }

        Assert.Equal(Ip("10.2.25.102"), Assert.Single(detector.Complete()).Host);
    }

    [Fact]
    public void A_mail_client_using_its_submission_server_is_not_spam()
    {
        var detector = new SpamDetector();
        for (var i = 0; i < 200; i++)
        {
            detector.Observe(Connection("192.168.1.40", i % 2 == 0 ? "198.51.100.5" : "198.51.100.6", 587, T0 + i * 10 * Second, 2 * Second, Ehlo, Ascii("220 smtp\r\n")));
        }

        Assert.Empty(detector.Complete());
    }
}

internal static class DetectorTestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
