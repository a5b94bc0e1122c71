using System.Buffers;
using BotCapturer.Flows;

namespace BotCapturer.Storage.MySql.Tsv;

/// <summary>
/// One <c>flows</c> row per flow, in the column order of <see cref="Columns"/> (Schema/001). The group and file ids are
/// the same for every row of a load and set by the statement instead (<see cref="Loading.BulkLoad"/>).
/// </summary>
internal static class FlowRows
{
    public static readonly string[] Columns =
    [
        "seq", "start_ns", "end_ns", "proto", "src", "sport", "dst", "dport",
        "src_packets", "src_bytes", "dst_packets", "dst_bytes", "state",
        "src_payload_bytes", "dst_payload_bytes", "src_ip_bytes", "dst_ip_bytes", "src_flags", "dst_flags",
        "src_syn", "dst_synack", "end_reason", "continues_earlier", "continues_later", "src_payload", "dst_payload",
    ];

    private const byte Tab = (byte)'\t';
    private const byte Newline = (byte)'\n';

    public static void Write(IBufferWriter<byte> writer, long seq, Flow flow)
    {
        TsvWriter.Int64(writer, seq, Tab);
        TsvWriter.Int64(writer, flow.StartNs, Tab);
        TsvWriter.Int64(writer, flow.EndNs, Tab);
        TsvWriter.Int64(writer, flow.Protocol, Tab);
        WriteAddress(writer, flow.Source);
        TsvWriter.Int64(writer, flow.SourcePort, Tab);
        WriteAddress(writer, flow.Destination);
        TsvWriter.Int64(writer, flow.DestinationPort, Tab);
        TsvWriter.Int64(writer, flow.SourcePackets, Tab);
        TsvWriter.Int64(writer, flow.SourceBytes, Tab);
        TsvWriter.Int64(writer, flow.DestinationPackets, Tab);
        TsvWriter.Int64(writer, flow.DestinationBytes, Tab);
        TsvWriter.Ascii(writer, flow.State, Tab);
        TsvWriter.Int64(writer, flow.SourcePayloadBytes, Tab);
        TsvWriter.Int64(writer, flow.DestinationPayloadBytes, Tab);
        TsvWriter.Int64(writer, flow.SourceIpBytes, Tab);
        TsvWriter.Int64(writer, flow.DestinationIpBytes, Tab);
        TsvWriter.Int64(writer, (byte)flow.SourceFlags, Tab);
        TsvWriter.Int64(writer, (byte)flow.DestinationFlags, Tab);
        TsvWriter.Bool(writer, flow.SourceSentSyn, Tab);
        TsvWriter.Bool(writer, flow.DestinationSentSynAck, Tab);
        TsvWriter.Int64(writer, (byte)flow.End, Tab);
        TsvWriter.Bool(writer, flow.MayContinueEarlier, Tab);
        TsvWriter.Bool(writer, flow.MayContinueLater, Tab);
        WritePayload(writer, flow.SourcePayloadPrefix, Tab);
        WritePayload(writer, flow.DestinationPayloadPrefix, Newline);
    }

    internal static void WriteAddress(IBufferWriter<byte> writer, Net.HostAddress address)
    {
        Span<byte> bytes = stackalloc byte[AddressBytes.MaxLength];
        TsvWriter.Binary(writer, bytes[..AddressBytes.Write(address, bytes)], Tab);
    }

    private static void WritePayload(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload, byte separator)
    {
        // No payload seen is NULL; a flow never has an empty-but-present prefix.
        if (payload.IsEmpty)
        {
            TsvWriter.Null(writer, separator);
        }
        else
        {
            TsvWriter.Binary(writer, payload, separator);
        }
    }
}
