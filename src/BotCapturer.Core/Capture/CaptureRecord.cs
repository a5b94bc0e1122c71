namespace BotCapturer.Capture;

/// <summary>
/// One captured packet as located by a format parser: where its bytes are in the buffer the parser was given,
/// and its metadata. The bytes themselves are not copied; slice the parser's input with
/// <see cref="DataOffset"/> and <see cref="CapturedLength"/> while that buffer is still valid.
/// </summary>
/// <param name="TimestampNs">Nanoseconds since the Unix epoch.</param>
/// <param name="DataOffset">Offset of the packet's first byte in the parser's input span.</param>
/// <param name="CapturedLength">Bytes captured (at most the snapshot length).</param>
/// <param name="OriginalLength">The packet's length on the wire.</param>
/// <param name="LinkType">The link-layer header type of the packet's interface.</param>
/// <param name="InterfaceId">pcapng interface id; 0 for pcap.</param>
public readonly record struct CaptureRecord(
    long TimestampNs,
    int DataOffset,
    int CapturedLength,
    int OriginalLength,
    LinkType LinkType,
    int InterfaceId);
