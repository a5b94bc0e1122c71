using BotCapturer.Decode;

namespace BotCapturer.Generation;

/// <summary>
/// One packet of the simulation, before link-layer and IP details (MACs, TTL, IP id) are filled in at emission.
/// For ICMP the ports carry type and code and <see cref="Sequence"/> the 4-byte rest of header.
/// </summary>
internal readonly record struct SimPacket(
    long TimeNs,
    byte Protocol,
    uint Source,
    uint Destination,
    ushort SourcePort,
    ushort DestinationPort,
    uint Sequence,
    uint Acknowledgment,
    TcpFlags Flags,
    ushort Window,
    ReadOnlyMemory<byte> Payload,
    ushort MaxSegmentSize = 0);
