using System.Buffers;
using BotCapturer.Capture;
using BotCapturer.Decode;

namespace BotCapturer.Storage.MySql.Tsv;

/// <summary>
/// One <c>packets</c> row per decoded packet, in the column order of <see cref="Columns"/> (Schema/001); the group and
/// file ids are set by the statement (<see cref="Loading.BulkLoad"/>).
/// </summary>
internal static class PacketRows
{
    public static readonly string[] Columns =
        ["seq", "ts_ns", "length", "proto", "src", "sport", "dst", "dport", "tcp_flags"];

    private const byte Tab = (byte)'\t';

    public static void Write(IBufferWriter<byte> writer, long seq, in CaptureRecord record, in DecodedPacket packet)
    {
        TsvWriter.Int64(writer, seq, Tab);
        TsvWriter.Int64(writer, record.TimestampNs, Tab);
        TsvWriter.Int64(writer, record.OriginalLength, Tab);
        TsvWriter.Int64(writer, packet.Protocol, Tab);
        FlowRows.WriteAddress(writer, packet.Source);
        TsvWriter.Int64(writer, packet.SourcePort, Tab);
        FlowRows.WriteAddress(writer, packet.Destination);
        TsvWriter.Int64(writer, packet.DestinationPort, Tab);
        TsvWriter.Int64(writer, (byte)packet.Flags, (byte)'\n');
    }
}
