using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BotCapturer.Net;

namespace BotCapturer.Engine.Output;

/// <summary>
/// Appends ASCII fields to one text row. The caller reserves room for its longest possible row once (the
/// constructor's maxRowBytes plus <see cref="Slack"/>); the appends then write without per-field checks, as whole
/// 2-, 4- and 8-byte stores of pre-rendered text (<see cref="AsciiDigits"/>). A store may run up to
/// <see cref="Slack"/> bytes past the field it writes; the next field overwrites them and <see cref="Length"/>
/// never counts them.
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
        Advance(1);
    }

    /// <summary>Appends a short pre-rendered text (one 8-byte store).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ShortAscii text)
    {
        Unsafe.WriteUnaligned(ref Next, text.Bytes);
        Advance(text.Length);
    }

    /// <summary>Appends ASCII bytes.</summary>
    public void Append(scoped ReadOnlySpan<byte> ascii)
    {
        Debug.Assert(_length + ascii.Length <= _capacity, "row longer than reserved");
        ascii.CopyTo(MemoryMarshal.CreateSpan(ref Next, ascii.Length));
        Advance(ascii.Length);
    }

    /// <summary>Appends an ASCII string (for short ones such as a conn_state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(string ascii)
    {
        Debug.Assert(_length + ascii.Length <= _capacity, "row longer than reserved");
        Advance(AsciiDigits.WriteNarrow(ref Next, ascii));
    }

    /// <summary>Appends <paramref name="value"/> in decimal, with a '-' when negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(long value) => Advance(AsciiDigits.WriteInt64(ref Next, value));

    /// <summary>Appends <paramref name="value"/> in decimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(uint value) => Advance(AsciiDigits.WriteUInt32(ref Next, value));

    /// <summary>Appends an IPv4 address in dotted-quad form from pre-rendered octets; others as <see cref="HostAddress"/> formats them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(HostAddress address)
    {
        if (address.IsIPv4)
        {
            Advance(AsciiDigits.WriteIPv4(ref Next, address.IPv4Value));
        }
        else
        {
            AppendFormatted(address);
        }
    }

    /// <summary>
    /// Appends nanoseconds since the Unix epoch as seconds with six truncated decimals (<c>1262345678.123456</c>),
    /// flooring before 1970 (<c>-1.999999</c> for -1 µs), as <see cref="FlowFormatting.TryFormatSeconds"/> defines it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendSeconds(long ns) => Advance(AsciiDigits.WriteSeconds(ref Next, ns));

    private void AppendFormatted(HostAddress address)
    {
        var room = MemoryMarshal.CreateSpan(ref Next, _capacity - _length);
        address.TryFormat(room, out var written, default, null);
        Advance(written);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance(int written)
    {
        _length += written;
        Debug.Assert(_length <= _capacity, "row longer than reserved");
    }
}
