using System.Buffers.Binary;

namespace BotCapturer.Capture;

/// <summary>
/// Classic libpcap format (draft-ietf-opsawg-pcap): a 24-byte file header, then 16-byte record headers.
/// Both byte orders, micro- and nanosecond timestamps, and the 24-byte record header of the
/// "modified" (Kuznetzov) variant.
/// </summary>
public sealed class PcapParser : ICaptureParser
{
    /// <summary>Largest captured length accepted for one record. libpcap's MAXIMUM_SNAPLEN is 262144;
    /// BIG TCP / jumbo captures go beyond it, so allow up to 16 MiB, and treat more as a corrupt file.</summary>
    public const int MaxCapturedLength = 16 * 1024 * 1024;

    public const int FileHeaderLength = 24;

    private readonly bool _bigEndian;
    private readonly bool _nanoseconds;
    private readonly int _recordHeaderLength;

    private PcapParser(bool bigEndian, bool nanoseconds, bool modified, LinkType linkType, int snapLength)
    {
        _bigEndian = bigEndian;
        _nanoseconds = nanoseconds;
        _recordHeaderLength = modified ? 24 : 16;
        LinkType = linkType;
        SnapLength = snapLength;
    }

    public LinkType LinkType { get; }

    public int SnapLength { get; }

    public bool IsNanosecond => _nanoseconds;

    public string? Error { get; private set; }

    public int MaxRecordLength => Math.Min(MaxCapturedLength, Math.Max(SnapLength, 262_144)) + _recordHeaderLength;

    /// <summary>Recognises a pcap file header; <paramref name="error"/> explains a rejection.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> header, out PcapParser? parser, out string? error)
    {
        parser = null;
        if (header.Length < FileHeaderLength)
        {
            error = $"file too short for a pcap header ({header.Length} of {FileHeaderLength} bytes)";
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bool bigEndian, nano, modified = false;
        switch (magic)
        {
            case 0xA1B2C3D4: bigEndian = false; nano = false; break;
            case 0xD4C3B2A1: bigEndian = true; nano = false; break;
            case 0xA1B23C4D: bigEndian = false; nano = true; break;
            case 0x4D3CB2A1: bigEndian = true; nano = true; break;
            case 0xA1B2CD34: bigEndian = false; nano = false; modified = true; break;
            case 0x34CDB2A1: bigEndian = true; nano = false; modified = true; break;
            default:
                error = $"not a pcap file (magic 0x{magic:x8})";
                return false;
        }

        var major = Read16(header[4..], bigEndian);
        if (major != 2)
        {
            error = $"unsupported pcap version {major}.{Read16(header[6..], bigEndian)}";
            return false;
        }

        var snap = (int)Math.Min(Read32(header[16..], bigEndian), int.MaxValue);
        // The link type is the low 16 bits; the upper bits carry the FCS length (pcap draft §4).
        var linkType = (LinkType)(Read32(header[20..], bigEndian) & 0xFFFF);
        parser = new PcapParser(bigEndian, nano, modified, linkType, snap);
        error = null;
        return true;
    }

    public ReadStatus TryRead(ReadOnlySpan<byte> buffer, out CaptureRecord record, out int consumed)
    {
        record = default;
        consumed = 0;
        if (buffer.Length < _recordHeaderLength)
        {
            return ReadStatus.NeedMoreData;
        }

        var seconds = Read32(buffer, _bigEndian);
        var fraction = Read32(buffer[4..], _bigEndian);
        var captured = Read32(buffer[8..], _bigEndian);
        var original = Read32(buffer[12..], _bigEndian);
        if (captured > MaxCapturedLength)
        {
            Error = $"record captured length {captured} is implausible (file corrupt from here)";
            return ReadStatus.Error;
        }

        var total = _recordHeaderLength + (int)captured;
        if (buffer.Length < total)
        {
            return ReadStatus.NeedMoreData;
        }

        consumed = total;
        var ns = (long)seconds * 1_000_000_000L + (_nanoseconds ? fraction : fraction * 1_000L);
        record = new CaptureRecord(ns, _recordHeaderLength, (int)captured, (int)Math.Min(original, int.MaxValue), LinkType, 0);
        if (fraction >= (_nanoseconds ? 1_000_000_000u : 1_000_000u))
        {
            // libpcap reads such a fraction as signed, Wireshark prints a negative time: no reading is right.
            Error = $"timestamp fraction {fraction} is out of range";
            return ReadStatus.BadRecord;
        }

        if (original < captured || original > MaxCapturedLength)
        {
            Error = original < captured ? $"captured length {captured} exceeds original length {original}" : $"original length {original} is implausible";
            return ReadStatus.BadRecord;
        }

        return ReadStatus.Packet;
    }

    private static ushort Read16(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private static uint Read32(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
