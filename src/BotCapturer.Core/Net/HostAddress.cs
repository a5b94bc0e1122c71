using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace BotCapturer.Net;

/// <summary>
/// An IPv4 or IPv6 host address as two 64-bit integers (IPv4 is stored IPv4-mapped, <c>::ffff:a.b.c.d</c>),
/// so that it can be a cheap dictionary key and be compared without allocating.
/// </summary>
public readonly struct HostAddress : IEquatable<HostAddress>, IComparable<HostAddress>, ISpanFormattable, IUtf8SpanFormattable
{
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000UL;

    /// <summary>Creates an address from its two big-endian halves.</summary>
    public HostAddress(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>The first 8 bytes of the 16-byte (IPv6 or IPv4-mapped) address, big-endian.</summary>
    public ulong High { get; }

    /// <summary>The last 8 bytes of the 16-byte address, big-endian.</summary>
    public ulong Low { get; }

    /// <summary>True for an IPv4 address (and for an IPv4-mapped IPv6 address, which is the same host).</summary>
    public bool IsIPv4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000UL) == MappedPrefix;

    /// <summary>The IPv4 address as a host-order integer; only meaningful when <see cref="IsIPv4"/>.</summary>
    public uint IPv4Value => (uint)Low;

    public static HostAddress FromIPv4(uint value) => new(0, MappedPrefix | value);

    public static HostAddress FromIPv4(ReadOnlySpan<byte> bytes) => FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes));

    public static HostAddress FromIPv6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    public static HostAddress FromIPAddress(IPAddress address)
    {
        Span<byte> buffer = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(buffer, out _);
            return FromIPv4(buffer);
        }

        address.TryWriteBytes(buffer, out _);
        return FromIPv6(buffer);
    }

    public static HostAddress Parse(string text) => FromIPAddress(IPAddress.Parse(text));

    public static bool TryParse(ReadOnlySpan<char> text, out HostAddress address)
    {
        if (IPAddress.TryParse(text, out var ip))
        {
            address = FromIPAddress(ip);
            return true;
        }

        address = default;
        return false;
    }

    private static int WriteOctet<T>(Span<T> destination, byte value)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (value >= 100)
        {
            destination[0] = T.CreateTruncating('0' + (value / 100));
            destination[1] = T.CreateTruncating('0' + (value / 10 % 10));
            destination[2] = T.CreateTruncating('0' + (value % 10));
            return 3;
        }

        if (value >= 10)
        {
            destination[0] = T.CreateTruncating('0' + (value / 10));
            destination[1] = T.CreateTruncating('0' + (value % 10));
            return 2;
        }

        destination[0] = T.CreateTruncating('0' + value);
        return 1;
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> buffer = stackalloc byte[16];
        if (IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer, IPv4Value);
            return new IPAddress(buffer[..4]);
        }

        BinaryPrimitives.WriteUInt64BigEndian(buffer, High);
        BinaryPrimitives.WriteUInt64BigEndian(buffer[8..], Low);
        return new IPAddress(buffer);
    }

    public bool Equals(HostAddress other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is HostAddress other && Equals(other);

    /// <summary>
    /// Per-host tables hash every flow's two addresses, so the hash is two multiplications rather than
    /// <see cref="HashCode.Combine{T1, T2}"/>'s rounds. It is keyed per process (<see cref="HashKeys"/>), as
    /// HashCode is, so addresses an attacker chose cannot be aimed at one bucket. Marked for inlining: the native build
    /// left all 46 call sites as calls, the per-host tables' lookups among them (docs/performance.md, "Ninth round").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        var h = ((High ^ HashKeys.A) * 0x9E3779B97F4A7C15UL) + ((Low ^ HashKeys.B) * 0xC2B2AE3D27D4EB4FUL);
        return (int)(h ^ (h >> 32));
    }

    public int CompareTo(HostAddress other)
    {
        var c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    public static bool operator ==(HostAddress left, HostAddress right) => left.Equals(right);

    public static bool operator !=(HostAddress left, HostAddress right) => !left.Equals(right);

    public static bool operator <(HostAddress left, HostAddress right) => left.CompareTo(right) < 0;

    public static bool operator >(HostAddress left, HostAddress right) => left.CompareTo(right) > 0;

    public static bool operator <=(HostAddress left, HostAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >=(HostAddress left, HostAddress right) => left.CompareTo(right) >= 0;

    public override string ToString() => ToString(null, null);

    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> buffer = stackalloc char[48];
        return TryFormat(buffer, out var written, default, null) ? new string(buffer[..written]) : ToIPAddress().ToString();
    }

    /// <summary>Formats without allocating for IPv4 (the hot case in flow tables); IPv6 goes through <see cref="IPAddress"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        IsIPv4 ? TryFormatIPv4(destination, out charsWritten) : ToIPAddress().TryFormat(destination, out charsWritten);

    /// <summary>Formats as UTF-8 text, without allocating for IPv4.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (IsIPv4)
        {
            return TryFormatIPv4(utf8Destination, out bytesWritten);
        }

        Span<char> text = stackalloc char[48];
        bytesWritten = 0;
        return ToIPAddress().TryFormat(text, out var n) && Ascii.FromUtf16(text[..n], utf8Destination, out bytesWritten) == OperationStatus.Done;
    }

    private bool TryFormatIPv4<T>(Span<T> destination, out int written)
        where T : unmanaged, IBinaryInteger<T>
    {
        written = 0;
        if (destination.Length < 15)
        {
            return false;
        }

        var v = IPv4Value;
        var dot = T.CreateTruncating('.');
        var n = WriteOctet(destination, (byte)(v >> 24));
        destination[n++] = dot;
        n += WriteOctet(destination[n..], (byte)(v >> 16));
        destination[n++] = dot;
        n += WriteOctet(destination[n..], (byte)(v >> 8));
        destination[n++] = dot;
        n += WriteOctet(destination[n..], (byte)v);
        written = n;
        return true;
    }
}
