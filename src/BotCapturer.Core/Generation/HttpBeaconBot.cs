using System.Globalization;
using System.Text;

namespace BotCapturer.Generation;

/// <summary>
/// Botnet A's check-in: an HTTP GET to the C&amp;C server every period (± a little jitter), the server's short answer,
/// the server closes. When the botmaster has ordered a scan since the last check-in, the answer carries the order
/// and the bot starts a <see cref="TelnetScanner"/> burst.
/// </summary>
internal sealed class HttpBeaconBot : Actor
{
    private readonly InternalHost _host;
    private readonly RemoteServer _server;
    private readonly DnsService _dns;
    private readonly Campaigns _orders;
    private readonly long _periodNs;
    private readonly long _jitterNs;
    private readonly string _botId;
    private long _lastCheckIn;

    public HttpBeaconBot(DeterministicRandom random, long firstNs, InternalHost host, RemoteServer server, DnsService dns, Campaigns orders, TimeSpan period, TimeSpan jitter)
        : base(random, firstNs)
    {
        _host = host;
        _server = server;
        _dns = dns;
        _orders = orders;
        _periodNs = period.Ticks * 100;
        _jitterNs = jitter.Ticks * 100;
        _botId = random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture);
        _lastCheckIn = firstNs;
    }

    public override void Act(Simulation simulation)
    {
        var packets = new List<SimPacket>();
        var ready = _dns.Lookup(packets, _host, Random, _server.Name, NextNs);
        var connection = new TcpConnection(packets, Random, _host, _server, 80, ready);
        if (connection.Open())
        {
            var request = $"GET /api/check?id={_botId}&v=2.4 HTTP/1.1\r\nHost: {_server.Name}\r\nUser-Agent: Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1)\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            connection.ClientSends(new ByteStream().Add(Encoding.ASCII.GetBytes(request)), 200_000);
            var ordered = _orders.AnyBetween(_lastCheckIn, NextNs);
            var body = new byte[ordered ? 96 : 24];
            FillBase64(body);
            var head = HttpMessages.ResponseHead(connection.Now, "text/plain", body.Length, server: "nginx/1.18.0", close: true);
            connection.ServerSends(new ByteStream().Add(head).Add(body), (long)(Random.Uniform(2, 6) * 1e6));
            connection.Close(clientFirst: false);
            if (ordered)
            {
                simulation.AddActor(new TelnetScanner(new DeterministicRandom(Random.NextUInt64()), connection.Now + (Random.Next(1000, 5000) * 1_000_000L), _host));
            }
        }

        simulation.AddPackets(packets);
        _lastCheckIn = NextNs;
        NextNs += _periodNs + (long)Random.Uniform(-_jitterNs, _jitterNs);
    }

    private void FillBase64(Span<byte> body)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = (byte)Alphabet[Random.Next(64)];
        }
    }
}
