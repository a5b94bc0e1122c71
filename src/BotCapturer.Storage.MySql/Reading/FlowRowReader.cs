using System.Data.Common;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Storage.MySql.Tsv;

namespace BotCapturer.Storage.MySql.Reading;

/// <summary>Turns a <c>flows</c> row (selected as <see cref="SelectColumns"/>) back into a <see cref="Flow"/>.</summary>
internal static class FlowRowReader
{
    public const string SelectColumns =
        "start_ns, end_ns, proto, src, sport, dst, dport, src_packets, src_bytes, dst_packets, dst_bytes, " +
        "src_payload_bytes, dst_payload_bytes, src_ip_bytes, dst_ip_bytes, src_flags, dst_flags, src_syn, dst_synack, " +
        "end_reason, continues_earlier, continues_later, src_payload, dst_payload";

    public static Flow Read(DbDataReader r)
    {
        var source = AddressBytes.Read((byte[])r.GetValue(3));
        var destination = AddressBytes.Read((byte[])r.GetValue(5));
        return Flow.Create(
            protocol: r.GetByte(2),
            source: source,
            sourcePort: (ushort)r.GetInt32(4),
            destination: destination,
            destinationPort: (ushort)r.GetInt32(6),
            startNs: r.GetInt64(0),
            endNs: r.GetInt64(1),
            sourcePackets: r.GetInt64(7),
            sourceBytes: r.GetInt64(8),
            destinationPackets: r.GetInt64(9),
            destinationBytes: r.GetInt64(10),
            sourceFlags: (TcpFlags)r.GetByte(15),
            destinationFlags: (TcpFlags)r.GetByte(16),
            sourcePayloadBytes: r.GetInt64(11),
            destinationPayloadBytes: r.GetInt64(12),
            sourcePayload: r.IsDBNull(22) ? null : (byte[])r.GetValue(22),
            destinationPayload: r.IsDBNull(23) ? null : (byte[])r.GetValue(23),
            end: (FlowEnd)r.GetByte(19),
            sourceIpBytes: r.GetInt64(13),
            destinationIpBytes: r.GetInt64(14),
            sourceSentSyn: r.GetBoolean(17),
            destinationSentSynAck: r.GetBoolean(18),
            mayContinueEarlier: r.GetBoolean(20),
            mayContinueLater: r.GetBoolean(21));
    }
}
