using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BotCapturer.Net;

namespace BotCapturer.Engine.Output;

/// <summary>
/// Appends ASCII fields to one text row. The caller reserves room for its longest possible row once
/// (the constructor's maxRowBytes plus <see cref="Slack"/>); the appends then write without per-field checks, as
/// whole 2-, 4- and 8-byte stores of pre-rendered digits. A store may run up to <see cref="Slack"/> bytes past the
/// field it writes; the next field overwrites them and <see cref="Length"/> never counts them.
/// </summary>
internal ref struct AsciiRow
{
    /// <summary>Bytes a store may write past the end of the row.</summary>
    public const int Slack = 8;

    private readonly ref byte _start;
    private readonly int _capacity;
    private int _length;

    public AsciiRow(Span<byte> destination, int maxRowBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, maxRowBytes + Slack, nameof(destination));
        _start = ref MemoryMarshal.GetReference(destination);
        _capacity = maxRowBytes;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _length;

    private readonly ref byte Next => ref Unsafe.Add(ref _start, _length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(byte ascii)
    {
        Next = ascii;
        _length++;
        CheckRoom();
    }

    /// <summary>Appends a short pre-rendered text (one 8-byte store).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ShortAscii text)
    {
        Unsafe.WriteUnaligned(ref Next, text.Bytes);
        _length += text.Length;
        CheckRoom();
    }

    /// <summary>Appends an ASCII string (for short ones such as a conn_state).</summary>
    public void Append(string ascii)
    {
        Debug.Assert(_length + ascii.Length <= _capacity, "row longer than reserved");
        ref var next = ref Next;
        for (var i = 0; i < ascii.Length; i++)
        {
            Unsafe.Add(ref next, i) = (byte)ascii[i];
        }

        _length += ascii.Length;
    }

    /// <summary>Appends <paramref name="value"/> in decimal, with a '-' when negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(long value)
    {
        if (value < 0)
        {
            Append((byte)'-');
            Append(unchecked((ulong)-value)); // -long.MinValue wraps to itself, which as ulong is its magnitude
            return;
        }

        Append((ulong)value);
    }

    /// <summary>Appends <paramref name="value"/> in decimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ulong value)
    {
        if (value <= uint.MaxValue)
        {
            Append((uint)value);
        }
        else
        {
            AppendLarge(value);
        }
    }

    /// <summary>Appends <paramref name="value"/> in decimal, two digits per table lookup from the right.</summary>
    public void Append(uint value)
    {
        var digits = DecimalDigits.Count(value);
        _length += digits;
        ref var end = ref Next;
        var i = 0;
        while (value >= 100)
        {
            i -= 2;
            var q = value / 100;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref end, i), DecimalDigits.Pair(value - (q * 100)));
            value = q;
        }

        if (value >= 10)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref end, i - 2), DecimalDigits.Pair(value));
        }
        else
        {
            Unsafe.Add(ref end, i - 1) = (byte)('0' + value);
        }

        CheckRoom();
    }

    /// <summary>Appends <paramref name="value"/> (below 10^8) as exactly eight digits, zero-padded.</summary>
    public void AppendEightDigits(uint value)
    {
        var high = value / 10_000;
        AppendFourDigits(high);
        AppendFourDigits(value - (high * 10_000));
    }

    /// <summary>Appends <paramref name="value"/> (below 10^6) as exactly six digits, zero-padded.</summary>
    public void AppendSixDigits(uint value)
    {
        var high = value / 10_000;
        AppendPair(high);
        AppendFourDigits(value - (high * 10_000));
    }

    /// <summary>Appends an IPv4 address in dotted-quad form, one 4-byte store per octet; others as <see cref="HostAddress"/> formats them.</summary>
    public void Append(HostAddress address)
    {
        if (!address.IsIPv4)
        {
            var room = MemoryMarshal.CreateSpan(ref Next, _capacity - _length);
            address.TryFormat(room, out var written, default, null);
            _length += written;
            return;
        }

        var v = address.IPv4Value;
        AppendOctet(DecimalDigits.Octet((byte)(v >> 24)), dot: true);
        AppendOctet(DecimalDigits.Octet((byte)(v >> 16)), dot: true);
        AppendOctet(DecimalDigits.Octet((byte)(v >> 8)), dot: true);
        AppendOctet(DecimalDigits.Octet((byte)v), dot: false);
    }

    /// <summary>
    /// Appends nanoseconds since the Unix epoch as seconds with six truncated decimals (<c>1262345678.123456</c>),
    /// flooring before 1970 (<c>-1.999999</c> for -1 µs), as <see cref="FlowFormatting.TryFormatSeconds"/> defines it.
    /// </summary>
    public void AppendSeconds(long ns)
    {
        // 2001-09-09 .. 2262 (the end of long ns): always ten digits of seconds, the case of every real capture.
        if (ns >= 1_000_000_000_000_000_000L)
        {
            var micros = (ulong)ns / 1_000;
            var seconds = micros / 1_000_000;
            var fraction = (uint)(micros - (seconds * 1_000_000));
            var high = (uint)(seconds / 100_000_000);
            AppendPair(high);
            AppendEightDigits((uint)(seconds - (high * 100_000_000UL)));
            Append((byte)'.');
            AppendSixDigits(fraction);
            return;
        }

        AppendSecondsSlow(ns);
    }

    private void AppendSecondsSlow(long ns)
    {
        var micros = ns / 1_000;
        var seconds = Math.DivRem(micros, 1_000_000, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000;
        }

        Append(seconds);
        Append((byte)'.');
        AppendSixDigits((uint)fraction);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AppendLarge(ulong value)
    {
        // Above 2^32: the digits above the last eight first (recursing once more above ~4.3e17), then eight padded.
        var high = value / 100_000_000;
        Append(high);
        AppendEightDigits((uint)(value - (high * 100_000_000)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendFourDigits(uint value)
    {
        var high = value / 100;
        AppendPair(high);
        AppendPair(value - (high * 100));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendPair(uint value)
    {
        Unsafe.WriteUnaligned(ref Next, DecimalDigits.Pair(value));
        _length += 2;
        CheckRoom();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendOctet(ulong rendered, bool dot)
    {
        // See DecimalDigits.Octets: the store writes the digits and a '.', which the last octet's caller overwrites.
        Unsafe.WriteUnaligned(ref Next, (uint)rendered);
        _length += (int)(rendered >> 32) + (dot ? 1 : 0);
        CheckRoom();
    }

    [Conditional("DEBUG")]
    private readonly void CheckRoom() => Debug.Assert(_length <= _capacity, "row longer than reserved");
}
