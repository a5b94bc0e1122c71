using BotCapturer.Decode;

namespace BotCapturer.Generation;

/// <summary>
/// One TCP connection from an internal client, as a capture point beside the client sees it: handshake
/// (RFC 9293 §3.5), data in MSS-sized segments with slow start (RFC 5681 §3.1, initial window 10, RFC 6928),
/// ACK of every second segment and delayed ACKs (RFC 1122 §4.2.3.2), FIN or RST close. Client packets are seen
/// when sent, server packets one RTT after the client packet they answer. Packets go to a list in time order.
/// </summary>
internal sealed class TcpConnection
{
    private const int Mss = 1460;
    private const int InitialWindowSegments = 10;

    private readonly List<SimPacket> _packets;
    private readonly DeterministicRandom _random;
    private readonly InternalHost _client;
    private readonly RemoteServer _server;
    private readonly ushort _clientPort;
    private readonly ushort _serverPort;
    private uint _clientNext;
    private uint _serverNext;
    private long _pendingAckNs = long.MaxValue;
    private bool _pendingAckFromClient;

    public TcpConnection(List<SimPacket> packets, DeterministicRandom random, InternalHost client, RemoteServer server, ushort serverPort, long startNs, ushort clientPort = 0)
    {
        _packets = packets;
        _random = random;
        _client = client;
        _server = server;
        _serverPort = serverPort;
        _clientPort = clientPort != 0 ? clientPort : client.EphemeralPort(random);
        Now = startNs;
        _clientNext = random.NextUInt32();
        _serverNext = random.NextUInt32();
    }

    /// <summary>Capture time of the last packet written.</summary>
    public long Now { get; private set; }

    public ushort ClientPort => _clientPort;

    /// <summary>Time for the client stack to answer a packet (tens to a few hundred microseconds).</summary>
    private long ClientTurnNs => 30_000 + _random.Next(150_000);

    /// <summary>Three-way handshake. False when the server refuses (RST) or never answers (SYN retransmissions).</summary>
    /// <param name="answer">What the server does with the SYN.</param>
    /// <param name="retransmit">The client's stack retransmits an unanswered SYN (raw-socket scanners do not).</param>
    /// <param name="options">The SYN carries MSS and SACK-permitted options (raw-socket scanners send none).</param>
    public bool Open(TcpAnswer answer = TcpAnswer.Accept, bool retransmit = true, bool options = true)
    {
        var isn = _clientNext;
        var mss = options ? (ushort)Mss : (ushort)0;
        Client(Now, isn, 0, TcpFlags.Syn, default, mss);
        _clientNext = isn + 1;
        switch (answer)
        {
            case TcpAnswer.Refuse:
                Now += _server.RttNs;
                Server(Now, 0, _clientNext, TcpFlags.Rst | TcpFlags.Ack, default, window: 0);
                return false;
            case TcpAnswer.Silent:
                if (retransmit)
                {
                    var first = Now;
                    foreach (var offset in _client.SynRetryOffsetsNs)
                    {
                        Now = first + offset;
                        Client(Now, isn, 0, TcpFlags.Syn, default, mss);
                    }
                }

                return false;
        }

        Now += _server.RttNs;
        var serverIsn = _serverNext;
        Server(Now, serverIsn, _clientNext, TcpFlags.Syn | TcpFlags.Ack, default, Mss);
        _serverNext = serverIsn + 1;
        Now += ClientTurnNs;
        Client(Now, _clientNext, _serverNext, TcpFlags.Ack, default);
        return true;
    }

    /// <summary>The client sends <paramref name="data"/> after <paramref name="delayNs"/>; the server acknowledges.</summary>
    public void ClientSends(ByteStream data, long delayNs = 0) => Transfer(fromClient: true, data, Now + delayNs);

    /// <summary>The server answers after <paramref name="processingNs"/> (its own delay, on top of the RTT).</summary>
    public void ServerSends(ByteStream data, long processingNs = 0) => Transfer(fromClient: false, data, Now + _server.RttNs + processingNs);

    /// <summary>The server sends more right after its last segment (a second write, e.g. a file after its header).</summary>
    public void ServerContinues(ByteStream data, long gapNs) => Transfer(fromClient: false, data, Now + gapNs);

    /// <summary>Graceful close (FIN from each side; the second FIN carries the ACK of the first).</summary>
    public void Close(bool clientFirst, long delayNs = 0)
    {
        if (clientFirst)
        {
            var at = Now + delayNs;
            FlushPendingAck(at);
            Client(at, _clientNext, _serverNext, TcpFlags.Fin | TcpFlags.Ack, default);
            _clientNext++;
            Now = at + _server.RttNs;
            Server(Now, _serverNext, _clientNext, TcpFlags.Fin | TcpFlags.Ack, default);
            _serverNext++;
            Now += ClientTurnNs;
            Client(Now, _clientNext, _serverNext, TcpFlags.Ack, default);
        }
        else
        {
            var at = Now + _server.RttNs + delayNs;
            FlushPendingAck(at);
            Server(at, _serverNext, _clientNext, TcpFlags.Fin | TcpFlags.Ack, default);
            _serverNext++;
            Now = at + ClientTurnNs;
            Client(Now, _clientNext, _serverNext, TcpFlags.Fin | TcpFlags.Ack, default);
            _clientNext++;
            Now += _server.RttNs;
            Server(Now, _serverNext, _clientNext, TcpFlags.Ack, default);
        }
    }

    /// <summary>An abortive close: the client sends RST+ACK.</summary>
    public void Reset(long delayNs = 0)
    {
        Now += delayNs;
        FlushPendingAck(Now);
        Client(Now, _clientNext, _serverNext, TcpFlags.Rst | TcpFlags.Ack, default, window: 0);
    }

    /// <summary>The client's kernel resets a handshake its application never asked for (raw-socket scanners).</summary>
    public void ResetAfterSynAck()
    {
        Now += ClientTurnNs;
        Client(Now, _clientNext, 0, TcpFlags.Rst, default, window: 0);
    }

    private void Transfer(bool fromClient, ByteStream data, long start)
    {
        FlushPendingAck(start);
        // RFC 5681 §3.1 slow start: the window grows by one segment per ACKed segment, up to the receiver's window
        var receiverWindow = fromClient ? _server.Window : _client.Window;
        var maxSegments = Math.Max(2, receiverWindow / Mss);
        var cwnd = InitialWindowSegments;
        var gap = fromClient ? 12_000L + (Mss * 8L * 1000 / 100) : _server.SegmentGapNs;
        // who answers: the receiver's ACK is seen after ackLatency; the sender's next flight after another sendLatency
        var ackLatency = fromClient ? _server.RttNs : 0;
        var sendLatency = fromClient ? 0 : _server.RttNs;
        var receiverDelayedAck = fromClient ? 40_000_000L : _client.DelayedAckNs;
        long offset = 0;
        var t = start;
        while (offset < data.Length)
        {
            long firstAck = long.MaxValue;
            var unacked = 0;
            var sent = 0;
            while (sent < cwnd && offset < data.Length)
            {
                var length = (int)Math.Min(Mss, data.Length - offset);
                var last = offset + length == data.Length;
                var flags = TcpFlags.Ack | (last ? TcpFlags.Psh : 0);
                var payload = data.Slice(offset, length);
                if (fromClient)
                {
                    Client(t, _clientNext, _serverNext, flags, payload);
                    _clientNext += (uint)length;
                }
                else
                {
                    Server(t, _serverNext, _clientNext, flags, payload);
                    _serverNext += (uint)length;
                }

                offset += length;
                sent++;
                unacked++;
                if (unacked == 2)
                {
                    var ackAt = t + (fromClient ? ackLatency : ClientTurnNs);
                    Ack(!fromClient, ackAt);
                    firstAck = Math.Min(firstAck, ackAt);
                    unacked = 0;
                }

                Now = t;
                t += gap + _random.Next((int)Math.Min(gap / 4 + 1, int.MaxValue));
            }

            if (unacked > 0)
            {
                // odd last segment: the receiver's delayed ACK fires unless data going back carries the ACK first
                _pendingAckNs = Now + (fromClient ? ackLatency : 0) + receiverDelayedAck;
                _pendingAckFromClient = !fromClient;
                if (offset < data.Length)
                {
                    FlushPendingAck(_pendingAckNs);
                    firstAck = Math.Min(firstAck, _pendingAckNs);
                }
            }

            cwnd = Math.Min(maxSegments, cwnd * 2);
            if (offset < data.Length)
            {
                t = Math.Max(t, firstAck + sendLatency + (fromClient ? ClientTurnNs : 0));
            }
        }
    }

    private void FlushPendingAck(long before)
    {
        if (_pendingAckNs == long.MaxValue)
        {
            return;
        }

        if (_pendingAckNs < before)
        {
            Ack(_pendingAckFromClient, _pendingAckNs);
        }

        _pendingAckNs = long.MaxValue;
    }

    private void Ack(bool fromClient, long at)
    {
        if (fromClient)
        {
            Client(at, _clientNext, _serverNext, TcpFlags.Ack, default);
        }
        else
        {
            Server(at, _serverNext, _clientNext, TcpFlags.Ack, default);
        }

        Now = Math.Max(Now, at);
    }

    private void Client(long at, uint seq, uint ack, TcpFlags flags, ReadOnlyMemory<byte> payload, ushort mss = 0, ushort? window = null) =>
        _packets.Add(new SimPacket(at, 6, _client.Address, _server.Address, _clientPort, _serverPort, seq, ack, flags, window ?? _client.Window, payload, mss));

    private void Server(long at, uint seq, uint ack, TcpFlags flags, ReadOnlyMemory<byte> payload, ushort mss = 0, ushort? window = null) =>
        _packets.Add(new SimPacket(at, 6, _server.Address, _client.Address, _serverPort, _clientPort, seq, ack, flags, window ?? _server.Window, payload, mss));
}
