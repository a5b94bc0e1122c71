using System.Text;

namespace BotCapturer.Generation;

/// <summary>
/// A Mirai-style scan burst (Antonakakis et al., USENIX Security 2017 §3): raw-socket SYNs without options to random
/// public addresses on 23 (and 2323 one time in ten), most unanswered, some refused; an open port's SYN+ACK is reset by
/// the bot's kernel, and some open ports then get a telnet login attempt from the bot's credential list.
/// </summary>
internal sealed class TelnetScanner : Actor
{
    // Mirai's scanner.c credential table (published with its source in 2016), a few of its entries
    private static readonly (string User, string Password)[] Credentials =
    [
        ("root", "xc3511"), ("root", "vizxv"), ("admin", "admin"), ("root", "888888"), ("root", "xmhdipc"), ("root", "default"),
        ("root", "juantech"), ("root", "123456"), ("support", "support"), ("root", "12345"), ("user", "user"), ("admin", "password"),
    ];

    private readonly InternalHost _host;
    private readonly double _rate;
    private int _remaining;

    public TelnetScanner(DeterministicRandom random, long firstNs, InternalHost host)
        : base(random, firstNs)
    {
        _host = host;
        _remaining = random.Next(30, 80);
        _rate = random.Uniform(4, 9);
    }

    public override void Act(Simulation simulation)
    {
        var packets = new List<SimPacket>();
        var count = Math.Min(_remaining, (int)Math.Round(_rate + Random.Uniform(-1, 1)));
        for (var i = 0; i < count; i++)
        {
            var at = NextNs + (long)(Random.NextDouble() * 1e9);
            var target = new RemoteServer(string.Empty, Internet.PublicAddress(Random), (long)(Random.Uniform(20, 250) * 1e6), 10);
            var port = Random.Chance(0.1) ? (ushort)2323 : (ushort)23;
            var roll = Random.NextDouble();
            var answer = roll < 0.78 ? TcpAnswer.Silent : roll < 0.975 ? TcpAnswer.Refuse : TcpAnswer.Accept;
            var connection = new TcpConnection(packets, Random, _host, target, port, at, (ushort)Random.Next(1024, 65536));
            if (connection.Open(answer, retransmit: false, options: false))
            {
                connection.ResetAfterSynAck();
                if (Random.Chance(0.6))
                {
                    BruteForce(packets, target, port, connection.Now + (long)(Random.Uniform(0.5, 3) * 1e9));
                }
            }
        }

        simulation.AddPackets(packets);
        _remaining -= count;
        NextNs = _remaining > 0 ? NextNs + 1_000_000_000 : long.MaxValue;
    }

    private void BruteForce(List<SimPacket> packets, RemoteServer target, ushort port, long at)
    {
        var connection = new TcpConnection(packets, Random, _host, target, port, at);
        if (!connection.Open())
        {
            return;
        }

        // RFC 854 negotiation: DO TERMINAL-TYPE, DO TERMINAL-SPEED, DO X-DISPLAY-LOCATION, DO NEW-ENVIRON; the bot refuses (WONT)
        connection.ServerSends(new ByteStream().Add(new byte[] { 255, 253, 24, 255, 253, 32, 255, 253, 35, 255, 253, 39 }), 2_000_000);
        connection.ClientSends(new ByteStream().Add(new byte[] { 255, 252, 24, 255, 252, 32, 255, 252, 35, 255, 252, 39 }), 300_000);
        Say(connection, "\r\n(none) login: ", server: true);
        var tries = Random.Next(1, 4);
        for (var i = 0; i < tries; i++)
        {
            var (user, password) = Credentials[Random.Next(Credentials.Length)];
            Say(connection, user + "\r\n", server: false);
            Say(connection, "Password: ", server: true);
            Say(connection, password + "\r\n", server: false);
            Say(connection, "\r\nLogin incorrect\r\n(none) login: ", server: true, delayMs: 1500);
        }

        connection.Reset(200_000_000);
    }

    private void Say(TcpConnection connection, string text, bool server, double delayMs = 5)
    {
        var data = new ByteStream().Add(Encoding.ASCII.GetBytes(text));
        if (server)
        {
            connection.ServerSends(data, (long)(delayMs * Random.Uniform(0.5, 1.5) * 1e6));
        }
        else
        {
            connection.ClientSends(data, (long)(Random.Uniform(50, 400) * 1e6));
        }
    }
}
