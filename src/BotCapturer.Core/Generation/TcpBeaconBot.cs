using System.Buffers.Binary;

namespace BotCapturer.Generation;

/// <summary>
/// Botnet B's check-in: a raw TCP connection to the C&amp;C server's port (4444 by default) every period, a
/// length-prefixed encrypted hello, the server's length-prefixed answer, the bot closes. The first check-in
/// and later update orders make the bot download its binary; spam orders start a <see cref="Spammer"/> run.
/// </summary>
internal sealed class TcpBeaconBot : Actor
{
    private readonly InternalHost _host;
    private readonly RemoteServer _server;
    private readonly BotnetB _botnet;
    private readonly long _periodNs;
    private readonly long _jitterNs;
    private long _lastCheckIn = long.MinValue;

    public TcpBeaconBot(DeterministicRandom random, long firstNs, InternalHost host, BotnetB botnet, TimeSpan period, TimeSpan jitter)
        : base(random, firstNs)
    {
        _host = host;
        _server = botnet.CommandServer;
        _botnet = botnet;
        _periodNs = period.Ticks * 100;
        _jitterNs = jitter.Ticks * 100;
    }

    public override void Act(Simulation simulation)
    {
        var packets = new List<SimPacket>();
        var connection = new TcpConnection(packets, Random, _host, _server, _server.Port, NextNs);
        var first = _lastCheckIn == long.MinValue;
        var update = first || _botnet.Updates.AnyBetween(_lastCheckIn, NextNs);
        var spam = !first && _botnet.SpamOrders.AnyBetween(_lastCheckIn, NextNs);
        if (connection.Open())
        {
            connection.ClientSends(new ByteStream().Add(Message(92)), 150_000);
            connection.ServerSends(new ByteStream().Add(Message(update || spam ? 164 : 28)), (long)(Random.Uniform(1, 4) * 1e6));
            connection.Close(clientFirst: true, 2_000_000);
            if (update)
            {
                _botnet.Download(packets, Random, _host, connection.Now + (Random.Next(500, 3000) * 1_000_000L));
            }

            if (spam)
            {
                simulation.AddActor(new Spammer(new DeterministicRandom(Random.NextUInt64()), connection.Now + (Random.Next(2000, 20000) * 1_000_000L), _host, _botnet));
            }
        }

        simulation.AddPackets(packets);
        _lastCheckIn = NextNs;
        NextNs += _periodNs + (long)Random.Uniform(-_jitterNs, _jitterNs);
    }

    private byte[] Message(int length)
    {
        // 4-byte big-endian length, then ciphertext
        var message = new byte[4 + length];
        BinaryPrimitives.WriteInt32BigEndian(message, length);
        Random.NextBytes(message.AsSpan(4));
        return message;
    }
}
