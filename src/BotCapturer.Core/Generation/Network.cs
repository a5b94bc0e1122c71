using BotCapturer.Capture;
using BotCapturer.Net;

namespace BotCapturer.Generation;

/// <summary>
/// The monitored LAN as the capture point (a switch mirror port) sees it: internal hosts have their own MAC
/// addresses, everything outside comes and goes through the gateway's. Fills in the link and IP fields a
/// <see cref="SimPacket"/> leaves open and writes the frame.
/// </summary>
internal sealed class Network
{
    private readonly Dictionary<uint, InternalHost> _hosts = [];
    private readonly MacAddress _gatewayMac;

    public Network(MacAddress gatewayMac) => _gatewayMac = gatewayMac;

    public void Add(InternalHost host) => _hosts.Add(host.Address, host);

    /// <summary>Builds the frame for <paramref name="packet"/> into <paramref name="frame"/>; returns its length.</summary>
    public int Build(in SimPacket packet, Span<byte> frame)
    {
        var sourceHost = _hosts.GetValueOrDefault(packet.Source);
        var destinationHost = _hosts.GetValueOrDefault(packet.Destination);
        ushort id;
        byte ttl;
        if (sourceHost is not null)
        {
            id = sourceHost.IpId++;
            ttl = sourceHost.Ttl;
        }
        else
        {
            (id, ttl) = Remote(packet);
        }

        var ip = new Ipv4Header(
            sourceHost?.Mac ?? _gatewayMac,
            destinationHost?.Mac ?? _gatewayMac,
            packet.Source,
            packet.Destination,
            id,
            ttl,
            DontFragment: packet.Protocol == 6);
        var payload = packet.Payload.Span;
        return packet.Protocol switch
        {
            6 => PacketBuilder.WriteTcp(frame, ip, new TcpHeader(packet.SourcePort, packet.DestinationPort, packet.Sequence, packet.Acknowledgment, packet.Flags, packet.Window, packet.MaxSegmentSize), payload),
            17 => PacketBuilder.WriteUdp(frame, ip, packet.SourcePort, packet.DestinationPort, payload),
            1 => PacketBuilder.WriteIcmp(frame, ip, (byte)packet.SourcePort, (byte)packet.DestinationPort, packet.Sequence, payload),
            _ => throw new InvalidOperationException($"protocol {packet.Protocol} is not simulated"),
        };
    }

    private static (ushort Id, byte Ttl) Remote(in SimPacket packet)
    {
        // A remote host's initial TTL (64, 128 or 255 by OS) less 8–23 hops, fixed per address; its IP id
        // is per packet pseudo-random (hashed), as per-destination counters look from one vantage point.
        var h = Mix(packet.Source);
        var initial = (h % 10) switch
        {
            < 7 => 64,
            < 9 => 128,
            _ => 255,
        };
        var ttl = (byte)(initial - 8 - (int)((h >> 8) % 16));
        var id = (ushort)Mix(h ^ packet.Sequence ^ ((ulong)packet.Acknowledgment << 32) ^ (ulong)packet.TimeNs);
        return (id, ttl);
    }

    private static ulong Mix(ulong x)
    {
        // SplitMix64 finalizer
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
