using System.Buffers.Binary;

namespace BotCapturer.Generation;

/// <summary>ICMP echo request and reply (RFC 792), as the ping tools of each OS send them.</summary>
internal static class Ping
{
    public static void Echo(List<SimPacket> packets, DeterministicRandom random, InternalHost host, RemoteServer target, long startNs, int count)
    {
        var identifier = (uint)random.Next(1, 65536);
        // Windows ping: 32 bytes "abcdefghijklmnopqrstuvwabcdefghi"; iputils ping: 56 bytes, a 16-byte timeval then 0x10, 0x11, ...
        var data = new byte[host.Os == HostOs.Windows ? 32 : 56];
        if (host.Os == HostOs.Windows)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (byte)('a' + (i % 23));
            }
        }
        else
        {
            for (var i = 16; i < data.Length; i++)
            {
                data[i] = (byte)i;
            }
        }

        for (var n = 0; n < count; n++)
        {
            var at = startNs + (n * 1_000_000_000L) + random.Next(100_000);
            if (host.Os != HostOs.Windows)
            {
                data = (byte[])data.Clone();
                BinaryPrimitives.WriteInt64LittleEndian(data, at / 1_000_000_000);
                BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8), at / 1000 % 1_000_000);
            }

            var rest = (identifier << 16) | (uint)(n + 1);
            packets.Add(new SimPacket(at, 1, host.Address, target.Address, 8, 0, rest, 0, 0, 0, data));
            packets.Add(new SimPacket(at + target.RttNs, 1, target.Address, host.Address, 0, 0, rest, 0, 0, 0, data));
        }
    }
}
