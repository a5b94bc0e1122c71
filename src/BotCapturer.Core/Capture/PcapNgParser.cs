using System.Buffers.Binary;

namespace BotCapturer.Capture;

/// <summary>
/// pcapng (draft-ietf-opsawg-pcapng): Section Header (§4.1), Interface Description (§4.2), Enhanced Packet (§4.3),
/// Simple Packet (§4.4) and the obsolete Packet Block (Appendix A). Other blocks are skipped. Several
/// sections, several interfaces with their own link type, <c>if_tsresol</c> and <c>if_tsoffset</c>, both byte orders.
/// </summary>
public sealed class PcapNgParser : ICaptureParser
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const uint InterfaceDescriptionType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SimplePacketType = 3;
    private const uint EnhancedPacketType = 6;

    /// <summary>Largest block accepted; anything bigger means the file is corrupt.</summary>
    public const int MaxBlockLength = 16 * 1024 * 1024 + 64;

    private readonly List<InterfaceInfo> _interfaces = [];
    private bool _bigEndian;
    private bool _inSection;
    private long _lastTimestampNs;

    public string? Error { get; private set; }

    public int MaxRecordLength => MaxBlockLength;

    /// <summary>Interfaces of the current section, in IDB order.</summary>
    public IReadOnlyList<InterfaceInfo> Interfaces => _interfaces;

    /// <summary>True when the input starts with a pcapng Section Header Block type.</summary>
    public static bool LooksLikePcapNg(ReadOnlySpan<byte> header) =>
        header.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(header) == SectionHeaderType;

    public ReadStatus TryRead(ReadOnlySpan<byte> buffer, out CaptureRecord record, out int consumed)
    {
        record = default;
        consumed = 0;
        if (buffer.Length < 12)
        {
            return ReadStatus.NeedMoreData;
        }

        // The block type value of an SHB is a palindrome, so it reads the same in either byte order.
        var rawType = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        if (rawType == SectionHeaderType)
        {
            return ReadSectionHeader(buffer, out consumed);
        }

        if (!_inSection)
        {
            Error = "pcapng block before any Section Header Block";
            return ReadStatus.Error;
        }

        var type = Read32(buffer);
        var length = Read32(buffer[4..]);
        if (length < 12 || length % 4 != 0 || length > MaxBlockLength)
        {
            Error = $"pcapng block type 0x{type:x} has invalid total length {length}";
            return ReadStatus.Error;
        }

        if (buffer.Length < length)
        {
            return ReadStatus.NeedMoreData;
        }

        var block = buffer[..(int)length];
        if (Read32(block[^4..]) != length)
        {
            Error = $"pcapng block type 0x{type:x}: trailing length does not match {length}";
            return ReadStatus.Error;
        }

        consumed = (int)length;
        var body = block[8..^4];
        return type switch
        {
            InterfaceDescriptionType => ReadInterface(body),
            EnhancedPacketType => ReadEnhancedPacket(body, out record),
            SimplePacketType => ReadSimplePacket(body, out record),
            ObsoletePacketType => ReadObsoletePacket(body, out record),
            _ => ReadStatus.NonPacket,
        };
    }

    private ReadStatus ReadSectionHeader(ReadOnlySpan<byte> buffer, out int consumed)
    {
        consumed = 0;
        if (buffer.Length < 28)
        {
            return ReadStatus.NeedMoreData;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(buffer[8..]);
        if (magic == ByteOrderMagic)
        {
            _bigEndian = false;
        }
        else if (BinaryPrimitives.ReverseEndianness(magic) == ByteOrderMagic)
        {
            _bigEndian = true;
        }
        else
        {
            Error = $"pcapng section header has bad byte-order magic 0x{magic:x8}";
            return ReadStatus.Error;
        }

        var length = Read32(buffer[4..]);
        var major = Read16(buffer[12..]);
        var minor = Read16(buffer[14..]);
        if (major != 1 || minor > 2)
        {
            // §4.1: a reader must not read a section whose version it does not know. 1.0 is current;
            // 1.1 and 1.2 were written by early tools and read the same (as Wireshark does).
            Error = $"unsupported pcapng version {major}.{minor}";
            return ReadStatus.Error;
        }

        if (length < 28 || length % 4 != 0 || length > MaxBlockLength)
        {
            Error = $"pcapng section header has invalid total length {length}";
            return ReadStatus.Error;
        }

        if (buffer.Length < length)
        {
            return ReadStatus.NeedMoreData;
        }

        _interfaces.Clear();
        _inSection = true;
        consumed = (int)length;
        return ReadStatus.NonPacket;
    }

    private ReadStatus ReadInterface(ReadOnlySpan<byte> body)
    {
        if (body.Length < 8)
        {
            Error = "pcapng interface description block too short";
            return ReadStatus.Error;
        }

        var linkType = (LinkType)Read16(body);
        var snap = Read32(body[4..]);
        byte resolution = 6;
        long offsetSeconds = 0;
        var options = body[8..];
        while (options.Length >= 4)
        {
            var code = Read16(options);
            var len = Read16(options[2..]);
            if (code == 0 || 4 + len > options.Length)
            {
                break;
            }

            var value = options.Slice(4, len);
            if (code == 9 && len >= 1)
            {
                resolution = value[0];
            }
            else if (code == 14 && len >= 8)
            {
                offsetSeconds = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            }

            options = options[Math.Min(options.Length, 4 + ((len + 3) & ~3))..];
        }

        _interfaces.Add(new InterfaceInfo(linkType, (int)Math.Min(snap, int.MaxValue), resolution, offsetSeconds));
        return ReadStatus.NonPacket;
    }

    private ReadStatus ReadEnhancedPacket(ReadOnlySpan<byte> body, out CaptureRecord record)
    {
        record = default;
        if (body.Length < 20)
        {
            Error = "pcapng enhanced packet block too short";
            return ReadStatus.Error;
        }

        var id = Read32(body);
        var ts = ((ulong)Read32(body[4..]) << 32) | Read32(body[8..]);
        var captured = Read32(body[12..]);
        var original = Read32(body[16..]);
        return MakeRecord(body, id, ts, captured, original, dataStart: 20, out record);
    }

    private ReadStatus ReadObsoletePacket(ReadOnlySpan<byte> body, out CaptureRecord record)
    {
        record = default;
        if (body.Length < 20)
        {
            Error = "pcapng packet block too short";
            return ReadStatus.Error;
        }

        var id = Read16(body);
        var ts = ((ulong)Read32(body[4..]) << 32) | Read32(body[8..]);
        return MakeRecord(body, id, ts, Read32(body[12..]), Read32(body[16..]), dataStart: 20, out record);
    }

    private ReadStatus ReadSimplePacket(ReadOnlySpan<byte> body, out CaptureRecord record)
    {
        record = default;
        if (body.Length < 4 || _interfaces.Count == 0)
        {
            Error = _interfaces.Count == 0 ? "pcapng simple packet block without an interface" : "pcapng simple packet block too short";
            return _interfaces.Count == 0 ? ReadStatus.BadRecord : ReadStatus.Error;
        }

        // §4.4: captured length is min(original length, snaplen of interface 0, space in the block). No timestamp:
        // the packet is given the time of the packet before it.
        var original = Read32(body);
        var snap = _interfaces[0].SnapLength == 0 ? int.MaxValue : _interfaces[0].SnapLength;
        var captured = (int)Math.Min(Math.Min(original, (uint)snap), (uint)(body.Length - 4));
        record = new CaptureRecord(_lastTimestampNs, 8 + 4, captured, (int)Math.Min(original, int.MaxValue), _interfaces[0].LinkType, 0);
        return ReadStatus.Packet;
    }

    private ReadStatus MakeRecord(ReadOnlySpan<byte> body, uint interfaceId, ulong ts, uint captured, uint original, int dataStart, out CaptureRecord record)
    {
        record = default;
        if (captured > body.Length - dataStart)
        {
            Error = $"pcapng packet captured length {captured} exceeds its block";
            return ReadStatus.BadRecord;
        }

        if (interfaceId >= _interfaces.Count)
        {
            Error = $"pcapng packet names interface {interfaceId}, but the section declares {_interfaces.Count}";
            return ReadStatus.BadRecord;
        }

        var iface = _interfaces[(int)interfaceId];
        var ns = iface.ToNanoseconds(ts);
        _lastTimestampNs = ns;
        record = new CaptureRecord(ns, 8 + dataStart, (int)captured, (int)Math.Min(original, int.MaxValue), iface.LinkType, (int)interfaceId);
        if (original < captured || original > PcapParser.MaxCapturedLength)
        {
            Error = original < captured ? $"captured length {captured} exceeds original length {original}" : $"original length {original} is implausible";
            return ReadStatus.BadRecord;
        }

        return ReadStatus.Packet;
    }

    private ushort Read16(ReadOnlySpan<byte> s) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private uint Read32(ReadOnlySpan<byte> s) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    /// <summary>An interface of a pcapng section (§4.2 and its <c>if_tsresol</c>/<c>if_tsoffset</c> options).</summary>
    public sealed record InterfaceInfo(LinkType LinkType, int SnapLength, byte TimestampResolution, long TimestampOffsetSeconds)
    {
        /// <summary>Converts a timestamp in interface units to nanoseconds since the epoch (saturating).</summary>
        public long ToNanoseconds(ulong units)
        {
            UInt128 ns;
            var exponent = TimestampResolution & 0x7F;
            if ((TimestampResolution & 0x80) == 0)
            {
                // units of 10^-exponent seconds
                if (exponent <= 9)
                {
                    ns = (UInt128)units * Pow10(9 - exponent);
                }
                else
                {
                    ns = units / Pow10(Math.Min(exponent - 9, 19));
                }
            }
            else
            {
                // units of 2^-exponent seconds
                var e = Math.Min(exponent, 63);
                ns = ((UInt128)units * 1_000_000_000UL) >> e;
            }

            var result = ns > long.MaxValue ? long.MaxValue : (long)ns;
            return TimestampOffsetSeconds == 0 ? result : result + (TimestampOffsetSeconds * 1_000_000_000L);
        }

        private static ulong Pow10(int n)
        {
            ulong r = 1;
            for (var i = 0; i < n; i++)
            {
                r *= 10;
            }

            return r;
        }
    }
}
