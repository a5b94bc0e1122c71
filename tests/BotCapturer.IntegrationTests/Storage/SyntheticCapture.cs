using System.Buffers.Binary;

namespace BotCapturer.IntegrationTests.Storage;

/// <summary>Writes a classic pcap of Ethernet/IPv4/UDP packets spread over many flows: a large capture made on the spot.</summary>
internal static class SyntheticCapture
{
    public static void Write(string path, int packets, int flows, int seed)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // LINKTYPE_ETHERNET
        file.Write(header);
        const int frameLength = 14 + 20 + 8 + 16;
        Span<byte> record = stackalloc byte[16 + frameLength];
        var time = 1_600_000_000L * 1_000_000 + seed;
        for (var i = 0; i < packets; i++)
        {
            record.Clear();
            time += 50;
            var flow = i % flows;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(time / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(time % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], frameLength);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], frameLength);
            var frame = record[16..];
            frame[12] = 0x08; // EtherType IPv4
            var ip = frame[14..];
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 20 + 8 + 16);
            ip[8] = 64;
            ip[9] = 17; // UDP
            BinaryPrimitives.WriteUInt32BigEndian(ip[12..], 0x0A000000u + (uint)(flow / 50_000) + ((uint)seed << 16));
            BinaryPrimitives.WriteUInt32BigEndian(ip[16..], 0xC0A80001u);
            var udp = ip[20..];
            BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)(1024 + (flow % 50_000)));
            BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 53);
            BinaryPrimitives.WriteUInt16BigEndian(udp[4..], 8 + 16);
            BinaryPrimitives.WriteInt32BigEndian(udp[8..], i);
            file.Write(record);
        }
    }
}
