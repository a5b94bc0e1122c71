using BotCapturer.Decode;

namespace BotCapturer.Capture;

/// <summary>The TCP header fields <see cref="PacketBuilder"/> writes (RFC 9293 §3.1).</summary>
/// <param name="SourcePort">Source port.</param>
/// <param name="DestinationPort">Destination port.</param>
/// <param name="Sequence">Sequence number.</param>
/// <param name="Acknowledgment">Acknowledgment number (written as is; meaningful when ACK is set).</param>
/// <param name="Flags">Flag bits.</param>
/// <param name="Window">Receive window.</param>
/// <param name="MaxSegmentSize">When not 0, the header carries MSS and SACK-permitted options (as SYN and SYN-ACK segments do).</param>
public readonly record struct TcpHeader(
    ushort SourcePort,
    ushort DestinationPort,
    uint Sequence,
    uint Acknowledgment,
    TcpFlags Flags,
    ushort Window,
    ushort MaxSegmentSize = 0);
