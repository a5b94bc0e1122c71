using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BotCapturer.Engine.Output;

/// <summary>Pre-rendered decimal text for <see cref="AsciiRow"/>: digit pairs, IPv4 octets and digit counts.</summary>
internal static class DecimalDigits
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
    // (v + table[i]) >> 32 is its digit count; table[i] = (d << 32) + 2^32 - 10^d, d the digit count of 2^i.
    private static readonly ulong[] DigitCountTable = Enumerable.Range(0, 32).Select(DigitCountEntry).ToArray();

    /// <summary>The two ASCII digits of <paramref name="value"/> (below 100) in memory order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Pair(uint value)
    {
        Debug.Assert(value < 100, "a pair is two digits");
        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Pairs), (nint)value);
    }

    /// <summary>The rendered octet: its text and a '.' in the low 4 bytes (memory order), its digit count above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Octet(byte value) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Octets), value);

    /// <summary>The number of decimal digits of <paramref name="value"/> (1 for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(uint value) =>
        (int)((value + Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(DigitCountTable), BitOperations.Log2(value))) >> 32);

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
