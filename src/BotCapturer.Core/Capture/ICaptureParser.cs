namespace BotCapturer.Capture;

/// <summary>
/// A push parser for one capture file format. It never throws on bad data: malformed input is normal in
/// captures, so every outcome is a <see cref="ReadStatus"/>.
/// </summary>
public interface ICaptureParser
{
    /// <summary>Why the last <see cref="ReadStatus.Error"/> or <see cref="ReadStatus.BadRecord"/> happened.</summary>
    string? Error { get; }

    /// <summary>A hint for the reader: the largest record this parser expects (buffers should be able to hold it).</summary>
    int MaxRecordLength { get; }

    /// <summary>Parses the next record or block at the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Unconsumed bytes of the file.</param>
    /// <param name="record">The packet, when the result is <see cref="ReadStatus.Packet"/>.</param>
    /// <param name="consumed">Bytes to advance past (0 for <see cref="ReadStatus.NeedMoreData"/> and <see cref="ReadStatus.Error"/>).</param>
    ReadStatus TryRead(ReadOnlySpan<byte> buffer, out CaptureRecord record, out int consumed);
}
