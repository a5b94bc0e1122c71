using System.Buffers.Binary;

namespace BotCapturer.Generation;

/// <summary>An SNTP client (RFC 4330) polling one pool server every 2^10 s, as systemd-timesyncd settles to.</summary>
internal sealed class NtpClient : Actor
{
    private const long NtpEpochOffsetSeconds = 2_208_988_800L; // 1900-01-01 to 1970-01-01 (RFC 5905 §6)

    private readonly InternalHost _host;
    private readonly RemoteServer _server;
    private readonly ushort _port;

    public NtpClient(DeterministicRandom random, long firstNs, InternalHost host, RemoteServer server)
        : base(random, firstNs)
    {
        _host = host;
        _server = server;
        _port = host.EphemeralPort(random);
    }

    public override void Act(Simulation simulation)
    {
        var sent = NextNs;
        var received = sent + _server.RttNs;
        var request = new byte[48];
        request[0] = 0x23; // LI 0, version 4, mode 3 (client)
        request[2] = 10; // poll 2^10 s
        request[3] = 0xE9; // precision 2^-23
        WriteTimestamp(request.AsSpan(40), sent);
        var response = new byte[48];
        response[0] = 0x24; // LI 0, version 4, mode 4 (server)
        response[1] = 2; // stratum
        response[2] = 10;
        response[3] = 0xE7;
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(4), 0x0000_0A00); // root delay
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(8), 0x0000_1400); // root dispersion
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(12), (_server.Address * 2654435761u) | 0x0A000000u); // reference id
        WriteTimestamp(response.AsSpan(16), sent - 60_000_000_000L);
        WriteTimestamp(response.AsSpan(24), sent);
        WriteTimestamp(response.AsSpan(32), sent + (_server.RttNs / 2));
        WriteTimestamp(response.AsSpan(40), sent + (_server.RttNs / 2) + 20_000);
        simulation.AddPackets(
        [
            DnsService.Udp(sent, _host.Address, _server.Address, _port, 123, request),
            DnsService.Udp(received, _server.Address, _host.Address, 123, _port, response),
        ]);
        NextNs += (long)((1024 + Random.Uniform(-2, 2)) * 1e9);
    }

    private static void WriteTimestamp(Span<byte> destination, long unixNs)
    {
        var seconds = (ulong)((unixNs / 1_000_000_000L) + NtpEpochOffsetSeconds);
        var fraction = (ulong)(unixNs % 1_000_000_000L) * (1UL << 32) / 1_000_000_000UL;
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)seconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)fraction);
    }
}
