using BotCapturer.APlane;
using BotCapturer.Engine.Analysis.APlane;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public class SignatureDetectorTests
{
    private static readonly SignatureSet BuiltIn = SignatureFiles.BuiltIn();

    [Fact]
    public void The_shipped_file_has_mirai_and_ares_signatures_with_sources()
    {
        Assert.Contains(BuiltIn.Signatures, s => s.Family == "Mirai");
        Assert.Contains(BuiltIn.Signatures, s => s.Family == "Ares");
        Assert.All(BuiltIn.Signatures, s => Assert.False(string.IsNullOrWhiteSpace(s.Source)));
        Assert.All(BuiltIn.Signatures, s => Assert.True(s.Weight >= 1));
    }

    [Fact]
    public void Mirai_busybox_query_in_a_telnet_session_matches_the_bot()
    {
        var detector = new SignatureDetector(BuiltIn);
        var client = Ascii("\u00ff\u00fb\u0018root\r\nxc3511\r\nenable\r\nsystem\r\nshell\r\nsh\r\n/bin/busybox MIRAI\r\n");
        detector.Observe(Connection("192.168.2.16", "203.0.113.50", 23, T0, 3 * Second, client, Ascii("login: Password: \r\n# MIRAI: applet not found\r\n")));

        var names = detector.Complete().Select(a => a.ClusterKey).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["signature:mirai-scanner-applet-reply", "signature:mirai-scanner-busybox-query"], names);
    }

    [Fact]
    public void Ares_polls_match_and_ordinary_api_calls_do_not()
    {
        var detector = new SignatureDetector(BuiltIn);
        detector.Observe(Connection("10.132.1.5", "10.132.9.9", 8080, T0, Second, Ascii("GET /api/pop?botid=DESKTOP-1&sysinfo=Windows 7 HTTP/1.1\r\nHost: c2\r\n\r\n"), null));
        detector.Observe(Connection("10.132.1.6", "10.132.9.9", 443, T0, Second, Ascii("POST /api/alice_52233112/hello HTTP/1.1\r\nHost: c2\r\n\r\n"), null));
        detector.Observe(Connection("10.132.1.7", "10.132.9.9", 80, T0, Second, Ascii("GET /api/pop?page=2 HTTP/1.1\r\n\r\n"), null));
        detector.Observe(Connection("10.132.1.8", "10.132.9.9", 80, T0, Second, Ascii("POST /api/report HTTP/1.1\r\nContent-Length: 9\r\n\r\nsummary=1"), null));
        detector.Observe(Connection("10.132.1.9", "10.132.9.9", 80, T0, Second, Ascii("POST /api/users/hello HTTP/1.1\r\n\r\n"), null));

        var hosts = detector.Complete().Select(a => a.Host.ToString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["10.132.1.5", "10.132.1.6"], hosts);
    }

    [Fact]
    public void User_signatures_filter_by_protocol_port_and_direction()
    {
        var set = SignatureSet.Parse("""
            { "signatures": [ { "name": "x", "family": "Test", "protocol": "tcp", "ports": [6667], "direction": "server", "pattern": "(?i)^:irc\\.evil", "weight": 3, "source": "test" } ] }
            """);
        var detector = new SignatureDetector(set);
        detector.Observe(Connection("10.0.0.1", "10.0.0.2", 6667, T0, Second, Ascii(":irc.evil"), Ascii(":IRC.EVIL.net 001 bot")));
        detector.Observe(Connection("10.0.0.3", "10.0.0.2", 6668, T0, Second, null, Ascii(":irc.evil.net 001 bot")));
        detector.Observe(Connection("10.0.0.4", "10.0.0.2", 6667, T0, Second, Ascii(":irc.evil.net"), Ascii("hello")));

        var activity = Assert.Single(detector.Complete());
        Assert.Equal(Ip("10.0.0.1"), activity.Host);
        Assert.Equal(3, activity.Weight);
        Assert.Equal(Ip("10.0.0.2"), activity.TargetHost);
        Assert.Equal((ushort?)6667, activity.PortLow);
    }

    [Fact]
    public void Hand_written_documents_may_have_comments_trailing_commas_and_any_case_in_names()
    {
        var set = SignatureSet.Parse("""
            {
              // a user's own rules
              "Signatures": [
                { "NAME": "x", "Pattern": "^GET /gate", "WEIGHT": 2, "Ports": [80, 8080,], },
              ],
            }
            """);
        var signature = Assert.Single(set.Signatures);
        Assert.Equal("x", signature.Name);
        Assert.Equal(2, signature.Weight);
        Assert.Equal(new ushort[] { 80, 8080 }, signature.Ports.Order());
    }

    [Theory]
    [InlineData("""{ "signatures": [ { "name": "a" } ] }""", "signature 'a': has no pattern")]
    [InlineData("""{ "signatures": [ { "name": "a", "pattern": "(" } ] }""", "signature 'a': pattern does not compile")]
    [InlineData("""{ "signatures": [ { "name": "a", "pattern": "x", "weight": 0.5 } ] }""", "signature 'a': weight 0.5 is below 1")]
    [InlineData("""{ "signatures": [ { "name": "a", "pattern": "x", "direction": "up" } ] }""", "signature 'a': direction 'up'")]
    [InlineData("""{ "signatures": [ { "name": "a", "pattern": "x" }, { "name": "a", "pattern": "y" } ] }""", "signature name 'a' is defined twice")]
    [InlineData("""{ "rules": [] }""", "no \"signatures\" array")]
    [InlineData("""not json""", "not a signatures document")]
    public void Bad_signature_documents_are_one_clear_error(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SignatureSet.Parse(json));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
