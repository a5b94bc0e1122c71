using System.Text;
using BotCapturer.APlane;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public sealed class RelayDetectorTests
{
    private const string Request = "GET /cache/ms.php?proxy=198.51.100.7%3A43905&secret=x HTTP/1.1\r\nHost: example.net\r\n\r\n";

    private static readonly byte[] Preamble = [0x05, 0x01, 0x00, 0x01, 0xc6, 0x33, 0x64, 0x07, 0xab, 0x81, 0x00, 0x00, 0x00, 0x00];

    [Fact]
    public void A_request_received_on_the_hosts_own_connection_and_sent_on_is_a_relay()
    {
        var detector = new RelayDetector();
        // The host dials the controller, which sends a request (after a binary preamble) down that connection ...
        detector.Observe(Connection("192.168.1.130", "198.51.100.7", 43904, T0, Second, Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n"), [.. Preamble, .. Encoding.ASCII.GetBytes(Request)]));
        // ... and the host sends the same request to another server 0.2 s later.
        detector.Observe(Connection("192.168.1.130", "203.0.113.20", 80, T0 + (Second / 5), Second / 2, Encoding.ASCII.GetBytes(Request), Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n")));

        var relay = Assert.Single(detector.Complete());

        Assert.Equal(ActivityType.Relay, relay.Type);
        Assert.Equal(Ip("192.168.1.130"), relay.Host);
        Assert.Equal("relay:198.51.100.7", relay.ClusterKey);
        Assert.Equal("198.51.100.7:43904 -> 203.0.113.20:80", relay.Target);
        Assert.Equal(Ip("198.51.100.7"), relay.TargetHost);
        Assert.Equal((ushort)43904, relay.PortLow);
        Assert.Contains("GET /cache/ms.php", relay.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Merged_detectors_find_the_relay_whichever_saw_which_flow()
    {
        var a = new RelayDetector();
        var b = new RelayDetector();
        a.Observe(Connection("10.0.0.5", "198.51.100.7", 43904, T0, Second, null, [.. Preamble, .. Encoding.ASCII.GetBytes(Request)]));
        b.Observe(Connection("10.0.0.5", "203.0.113.20", 80, T0 + (Second / 5), Second / 2, Encoding.ASCII.GetBytes(Request), null));

        b.Merge(a);

        Assert.Single(b.Complete());
    }

    [Fact]
    public void Ordinary_browsing_and_a_forward_proxy_are_not_relays()
    {
        var detector = new RelayDetector();
        // A browser fetching the same page from two servers: requests go out, responses come back.
        detector.Observe(Connection("10.0.0.8", "192.0.2.10", 80, T0, Second, Encoding.ASCII.GetBytes(Request), Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n")));
        detector.Observe(Connection("10.0.0.8", "192.0.2.11", 80, T0 + (Second / 10), Second, Encoding.ASCII.GetBytes(Request), Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n")));
        // A forward proxy 10.0.0.1: the client's request arrives on a connection the client opened, and the proxy sends it on.
        detector.Observe(Connection("10.0.0.9", "10.0.0.1", 3128, T0, 2 * Second, Encoding.ASCII.GetBytes(Request), Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n")));
        detector.Observe(Connection("10.0.0.1", "203.0.113.20", 80, T0 + (Second / 10), Second, Encoding.ASCII.GetBytes(Request), Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n")));

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void A_request_echoed_by_a_server_is_a_relay_only_if_sent_on_to_another_server_while_the_connection_lasts()
    {
        var detector = new RelayDetector();
        var echo = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + Request);
        detector.Observe(Connection("10.0.0.8", "192.0.2.10", 80, T0, Second, Encoding.ASCII.GetBytes(Request), echo));
        // The same request again to the same server, and to another server after the echoing connection closed.
        detector.Observe(Connection("10.0.0.8", "192.0.2.10", 80, T0 + (Second / 2), Second, Encoding.ASCII.GetBytes(Request), null, sourcePort: 50001));
        detector.Observe(Connection("10.0.0.8", "192.0.2.99", 80, T0 + (5 * Second), Second, Encoding.ASCII.GetBytes(Request), null));

        Assert.Empty(detector.Complete());
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n", "GET / HTTP/1.1")]
    [InlineData("\u0005\u0001xyGET /a?b=c HTTP/1.0\r\nHost: h\r\n", "GET /a?b=c HTTP/1.0")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", null)]
    [InlineData("GET / HTTP/1.1", null)] // no line end visible
    [InlineData("hello GET\u0001/ HTTP/1.1\r\n", null)] // a control byte inside the line
    public void Request_lines_are_found_after_a_preamble(string payload, string? expected)
    {
        var line = RelayDetector.FindRequestLine(Encoding.Latin1.GetBytes(payload));

        Assert.Equal(expected, line is null ? null : Encoding.ASCII.GetString(line));
    }
}
