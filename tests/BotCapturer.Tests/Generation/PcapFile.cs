using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Flows;

namespace BotCapturer.Tests.Generation;

/// <summary>Reads a whole in-memory pcap file back with the project's own parser and decoder.</summary>
internal static class PcapFile
{
    public sealed record Packet(CaptureRecord Record, byte[] Frame, DecodeStatus Status, DecodedPacket Decoded);

    public static (PcapParser Parser, List<Packet> Packets) Read(byte[] file)
    {
        Assert.True(PcapParser.TryCreate(file, out var parser, out var error), error);
        var packets = new List<Packet>();
        var offset = PcapParser.FileHeaderLength;
        while (offset < file.Length)
        {
            var status = parser!.TryRead(file.AsSpan(offset), out var record, out var consumed);
            Assert.Equal(ReadStatus.Packet, status);
            var frame = file.AsSpan(offset + record.DataOffset, record.CapturedLength).ToArray();
            var decodeStatus = PacketDecoder.Decode(record.LinkType, frame, record.OriginalLength, out var decoded);
            packets.Add(new Packet(record, frame, decodeStatus, decoded));
            offset += consumed;
        }

        return (parser!, packets);
    }

    /// <summary>Every flow of the file, through the project's flow table.</summary>
    public static List<Flow> Flows(byte[] file, int payloadBytes = 64)
    {
        var table = new FlowTable(FlowOptions.Default with { PayloadBytes = payloadBytes });
        foreach (var packet in Read(file).Packets)
        {
            Assert.Equal(DecodeStatus.Ok, packet.Status);
            table.Add(packet.Decoded, packet.Record.TimestampNs, packet.Record.OriginalLength, packet.Frame);
        }

        table.Flush();
        return table.Completed;
    }
}
