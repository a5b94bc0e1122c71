using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BotCapturer.Engine.Output;

/// <summary>
/// Unchecked writers of decimal ASCII text for <see cref="AsciiRow"/>, which reserved the room: each takes the
/// field's first byte and returns the bytes it wrote (it may store up to <see cref="AsciiRow.Slack"/> more). Digits
/// come from pre-rendered tables, written at fixed offsets so the stores do not wait on each other.
/// </summary>
internal static class AsciiDigits
{
    // "00".."99" as 2-byte values in memory order, so one 2-byte store writes two digits (the runtime's own
    // Number.Formatting does the same with its TwoDigitsBytes table).
    private static readonly ushort[] Pairs = Enumerable.Range(0, 100)
        .Select(i => MemoryMarshal.Read<ushort>([(byte)('0' + (i / 10)), (byte)('0' + (i % 10))]))
        .ToArray();

    // Octet i as its 1-3 digits followed by '.', in the low 4 bytes in memory order (one 4-byte store writes it), and
    // its digit count in the high 32 bits.
    private static readonly ulong[] Octets = Enumerable.Range(0, 256).Select(RenderOctet).ToArray();

    // Lemire, "Computing the number of digits of an integer even faster" (2021): for v with floor(log2 v) = i,
    // (v + table[i]) >> 32 is its digit count; table[i] = (d << 32) + 2^32 - 10^d, d the digit count of 2^i (without
    // the 2^32 - 10^d term once 10^d is past uint.MaxValue).
    private static readonly ulong[] DigitCountTable = Enumerable.Range(0, 32).Select(DigitCountEntry).ToArray();

    /// <summary>Unix seconds with six truncated decimals from nanoseconds, flooring before 1970 (-1 µs is <c>-1.999999</c>).</summary>
    public static int WriteSeconds(ref byte destination, long ns)
    {
        if (ns < 1_000_000_000_000_000_000L)
        {
            return WriteSecondsSlow(ref destination, ns);
        }

        // 2001-09-09 .. 2262 (the end of long ns), so every capture since 2001: always ten digits of seconds, "ss" + "ssssssss.uuuuuu".
        var micros = (ulong)ns / 1_000;
        var seconds = micros / 1_000_000;
        var fraction = (uint)(micros - (seconds * 1_000_000));
        var high = (uint)(seconds / 100_000_000);
        WritePair(ref destination, high);
        WriteEightDigits(ref Unsafe.Add(ref destination, 2), (uint)(seconds - (high * 100_000_000UL)));
        Unsafe.Add(ref destination, 10) = (byte)'.';
        WriteSixDigits(ref Unsafe.Add(ref destination, 11), fraction);
        return 17;
    }

    /// <summary>Decimal, with a '-' when negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteInt64(ref byte destination, long value)
    {
        if (value >= 0)
        {
            return WriteUInt64(ref destination, (ulong)value);
        }

        destination = (byte)'-';
        return 1 + WriteUInt64(ref Unsafe.Add(ref destination, 1), unchecked((ulong)-value)); // -long.MinValue wraps to its own magnitude
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteUInt64(ref byte destination, ulong value) =>
        value <= uint.MaxValue ? WriteUInt32(ref destination, (uint)value) : WriteLarge(ref destination, value);

    /// <summary>Decimal, two digits per table lookup from the right end, which the digit count places.</summary>
    public static int WriteUInt32(ref byte destination, uint value)
    {
        if (value < 10)
        {
            destination = (byte)('0' + value);
            return 1;
        }

        var digits = Count(value);
        var i = digits;
        while (value >= 100)
        {
            i -= 2;
            var q = value / 100;
            WritePair(ref Unsafe.Add(ref destination, i), value - (q * 100));
            value = q;
        }

        if (value >= 10)
        {
            WritePair(ref destination, value);
        }
        else
        {
            destination = (byte)('0' + value);
        }

        return digits;
    }

    /// <summary>An IPv4 address (host order) as a dotted quad, one 4-byte store per octet.</summary>
    public static int WriteIPv4(ref byte destination, uint address)
    {
        var n = WriteOctet(ref destination, (byte)(address >> 24)) + 1;
        n += WriteOctet(ref Unsafe.Add(ref destination, n), (byte)(address >> 16)) + 1;
        n += WriteOctet(ref Unsafe.Add(ref destination, n), (byte)(address >> 8)) + 1;
        return n + WriteOctet(ref Unsafe.Add(ref destination, n), (byte)address);
    }

    /// <summary>An ASCII string, one byte per char.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteNarrow(ref byte destination, string ascii)
    {
        for (var i = 0; i < ascii.Length; i++)
        {
            Unsafe.Add(ref destination, i) = (byte)ascii[i];
        }

        return ascii.Length;
    }

    /// <summary>The number of decimal digits of <paramref name="value"/> (1 for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(uint value) =>
        (int)((value + Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(DigitCountTable), BitOperations.Log2(value))) >> 32);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteSecondsSlow(ref byte destination, long ns)
    {
        // Microseconds truncated toward zero (as tshark and Zeek print), then floored to seconds: the decimals are never negative.
        var micros = ns / 1_000;
        var seconds = Math.DivRem(micros, 1_000_000, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000;
        }

        var n = WriteInt64(ref destination, seconds);
        Unsafe.Add(ref destination, n) = (byte)'.';
        WriteSixDigits(ref Unsafe.Add(ref destination, n + 1), (uint)fraction);
        return n + 7;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteLarge(ref byte destination, ulong value)
    {
        // Above 2^32: the digits above the last eight first (once more above ~4.3e17), then those eight, zero-padded.
        var high = value / 100_000_000;
        var n = WriteUInt64(ref destination, high);
        WriteEightDigits(ref Unsafe.Add(ref destination, n), (uint)(value - (high * 100_000_000)));
        return n + 8;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteEightDigits(ref byte destination, uint value)
    {
        var high = value / 10_000;
        WriteFourDigits(ref destination, high);
        WriteFourDigits(ref Unsafe.Add(ref destination, 4), value - (high * 10_000));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteSixDigits(ref byte destination, uint value)
    {
        var high = value / 10_000;
        WritePair(ref destination, high);
        WriteFourDigits(ref Unsafe.Add(ref destination, 2), value - (high * 10_000));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteFourDigits(ref byte destination, uint value)
    {
        var high = value / 100;
        WritePair(ref destination, high);
        WritePair(ref Unsafe.Add(ref destination, 2), value - (high * 100));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WritePair(ref byte destination, uint value)
    {
        Debug.Assert(value < 100, "a pair is two digits");
        Unsafe.WriteUnaligned(ref destination, Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Pairs), (nint)value));
    }

    /// <summary>Stores the octet's digits and a '.' (which the last octet's caller overwrites); returns the digit count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteOctet(ref byte destination, byte value)
    {
        var rendered = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Octets), value);
        Unsafe.WriteUnaligned(ref destination, (uint)rendered);
        return (int)(rendered >> 32);
    }

    private static ulong RenderOctet(int value)
    {
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = (byte)text[i];
        }

        return MemoryMarshal.Read<uint>(bytes) | ((ulong)(text.Length - 1) << 32);
    }

    private static ulong DigitCountEntry(int log2)
    {
        var digits = 1;
        var power = 10UL;
        while (power <= 1UL << log2)
        {
            digits++;
            power *= 10;
        }

        var offset = power <= 1UL << 32 ? (1UL << 32) - power : 0;
        return ((ulong)digits << 32) + offset;
    }
}
