using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BotCapturer.Net;

namespace BotCapturer.Engine.Output;

/// <summary>
/// Appends ASCII fields to one text row: <see cref="Start"/> checks once that the buffer holds the longest possible
/// row (plus <see cref="Slack"/>), then each append writes at <c>at</c> without a check, as whole 2-, 4- and 8-byte
/// stores of pre-rendered text (<see cref="AsciiDigits"/>), and returns where the next field starts. A store may run
/// up to <see cref="Slack"/> bytes past the field it writes; the next field overwrites them.
/// </summary>
/// <remarks>
/// The position is threaded through the calls rather than kept in a struct: a struct's length field ended up on the
/// stack (the JIT did not promote it in a method with this many inlinees), which made every field wait on a
/// store-to-load round trip; as a local it stays in a register (about 13 % less CPU per CSV row).
/// </remarks>
internal static class AsciiRow
{
    /// <summary>Bytes a store may write past the end of the row.</summary>
    public const int Slack = 8;

    /// <summary>Widest IPv6 text (<c>ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255</c> is 45 characters).</summary>
    private const int MaxAddressChars = 48;

    /// <summary>The first byte of a row of at most <paramref name="maxRowBytes"/>; throws when the buffer is shorter.</summary>
    public static ref byte Start(Span<byte> destination, int maxRowBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, maxRowBytes + Slack, nameof(destination));
        return ref MemoryMarshal.GetReference(destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Append(ref byte row, int at, byte ascii)
    {
        Unsafe.Add(ref row, at) = ascii;
        return at + 1;
    }

    /// <summary>Appends a short pre-rendered text (one 8-byte store).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Append(ref byte row, int at, ShortAscii text)
    {
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref row, at), text.Bytes);
        return at + text.Length;
    }

    /// <summary>Appends ASCII bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Append(ref byte row, int at, scoped ReadOnlySpan<byte> ascii)
    {
        ascii.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref row, at), ascii.Length));
        return at + ascii.Length;
    }

    /// <summary>Appends an ASCII string (for short ones such as a conn_state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Append(ref byte row, int at, string ascii) => at + AsciiDigits.WriteNarrow(ref Unsafe.Add(ref row, at), ascii);

    /// <summary>Appends <paramref name="value"/> in decimal, with a '-' when negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Append(ref byte row, int at, long value) => at + AsciiDigits.WriteInt64(ref Unsafe.Add(ref row, at), value);

    /// <summary>Appends <paramref name="value"/> in decimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Append(ref byte row, int at, uint value) => at + AsciiDigits.WriteUInt32(ref Unsafe.Add(ref row, at), value);

    /// <summary>Appends an IPv4 address as a dotted quad from pre-rendered octets; others as <see cref="HostAddress"/> formats them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Append(ref byte row, int at, HostAddress address) => address.IsIPv4
        ? at + AsciiDigits.WriteIPv4(ref Unsafe.Add(ref row, at), address.IPv4Value)
        : at + WriteFormatted(ref Unsafe.Add(ref row, at), address);

    /// <summary>
    /// Appends nanoseconds since the Unix epoch as seconds with six truncated decimals (<c>1262345678.123456</c>),
    /// flooring before 1970 (<c>-1.999999</c> for -1 µs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AppendSeconds(ref byte row, int at, long ns) => at + AsciiDigits.WriteSeconds(ref Unsafe.Add(ref row, at), ns);

    private static int WriteFormatted(ref byte destination, HostAddress address)
    {
        address.TryFormat(MemoryMarshal.CreateSpan(ref destination, MaxAddressChars), out var written, default, null);
        return written;
    }
}
