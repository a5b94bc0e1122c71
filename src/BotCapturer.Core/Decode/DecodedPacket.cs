using BotCapturer.Net;

namespace BotCapturer.Decode;

/// <summary>
/// What the flow builder needs of one packet. Ports are 0 for protocols without them; for ICMP/ICMPv6 the
/// source port carries the type and the destination port the code, as Zeek's conn.log does.
/// <see cref="PayloadOffset"/>/<see cref="PayloadLength"/> locate the transport payload inside the frame span
/// that was decoded (the captured part only); <see cref="WirePayloadLength"/> is the payload's length on the wire.
/// <see cref="Sequence"/> is the TCP sequence number (0 for other protocols); <see cref="IpLength"/> the IP packet's length on the wire.
/// </summary>
public readonly record struct DecodedPacket(
    HostAddress Source,
    HostAddress Destination,
    ushort SourcePort,
    ushort DestinationPort,
    byte Protocol,
    TcpFlags Flags,
    int PayloadOffset,
    int PayloadLength,
    int WirePayloadLength,
    uint Sequence = 0,
    int IpLength = 0);
