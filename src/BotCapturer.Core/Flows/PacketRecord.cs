using BotCapturer.Decode;

namespace BotCapturer.Flows;

/// <summary>
/// A decoded packet with what the flow table needs besides it, for <see cref="FlowTable.AddBatch"/>: its capture time
/// and its length on the wire. Its payload offset points into the frame or arena given with the batch.
/// </summary>
public readonly record struct PacketRecord(DecodedPacket Packet, long TimestampNs, int WireLength);
