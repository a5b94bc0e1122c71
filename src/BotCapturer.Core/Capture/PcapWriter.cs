using System.Buffers.Binary;

namespace BotCapturer.Capture;

/// <summary>
/// Writes a classic pcap file (draft-ietf-opsawg-pcap §4–5): a 24-byte little-endian file header, then one
/// 16-byte record header and the captured bytes per packet. Frames longer than the snapshot length are cut to it,
/// and the record keeps the original length, as libpcap does.
/// </summary>
public sealed class PcapWriter
{
    /// <summary>libpcap's MAXIMUM_SNAPLEN.</summary>
    public const int DefaultSnapLength = 262_144;

    private readonly Stream _output;
    private readonly bool _nanoseconds;
    private readonly byte[] _recordHeader = new byte[16];
    private long _lastNs = long.MinValue;

    /// <summary>Writes the file header to <paramref name="output"/>.</summary>
    /// <param name="output">Where the file goes; it is not disposed.</param>
    /// <param name="linkType">The link-layer header type of every record.</param>
    /// <param name="nanoseconds">Nanosecond timestamps (magic 0xA1B23C4D) instead of microseconds (0xA1B2C3D4).</param>
    /// <param name="snapLength">Largest number of bytes kept per packet.</param>
    public PcapWriter(Stream output, LinkType linkType = LinkType.Ethernet, bool nanoseconds = false, int snapLength = DefaultSnapLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(snapLength, PcapParser.MaxCapturedLength);
        _output = output;
        _nanoseconds = nanoseconds;
        SnapLength = snapLength;
        Span<byte> header = stackalloc byte[PcapParser.FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0); // thiszone, always 0
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs, always 0
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        output.Write(header);
        BytesWritten = PcapParser.FileHeaderLength;
    }

    public int SnapLength { get; }

    /// <summary>Records written.</summary>
    public long Packets { get; private set; }

    /// <summary>Bytes written so far, file header included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Sum of the packets' original (wire) lengths.</summary>
    public long WireBytes { get; private set; }

    /// <summary>Writes one packet record.</summary>
    /// <param name="timestampNs">Nanoseconds since the Unix epoch; not before 1970 and not before the previous record.</param>
    /// <param name="frame">The whole frame as it was on the wire; bytes past the snapshot length are not written.</param>
    public void WritePacket(long timestampNs, ReadOnlySpan<byte> frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampNs);
        if (timestampNs < _lastNs)
        {
            throw new ArgumentException($"timestamp {timestampNs} goes back before the previous record ({_lastNs})", nameof(timestampNs));
        }

        _lastNs = timestampNs;
        var captured = Math.Min(frame.Length, SnapLength);
        var seconds = timestampNs / 1_000_000_000L;
        var fraction = timestampNs % 1_000_000_000L;
        if (seconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampNs), "pcap timestamps end in 2106");
        }

        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(4), (uint)(_nanoseconds ? fraction : fraction / 1000));
        BinaryPrimitives.WriteInt32LittleEndian(_recordHeader.AsSpan(8), captured);
        BinaryPrimitives.WriteInt32LittleEndian(_recordHeader.AsSpan(12), frame.Length);
        _output.Write(_recordHeader);
        _output.Write(frame[..captured]);
        Packets++;
        BytesWritten += 16 + captured;
        WireBytes += frame.Length;
    }
}
