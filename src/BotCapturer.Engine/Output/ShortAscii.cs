using System.Runtime.InteropServices;

namespace BotCapturer.Engine.Output;

/// <summary>An ASCII text of at most 8 bytes packed into one value, so <see cref="AsciiRow"/> appends it with one store.</summary>
internal readonly record struct ShortAscii(ulong Bytes, int Length)
{
    public static ShortAscii From(string ascii)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ascii.Length, sizeof(ulong), nameof(ascii));
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        bytes.Clear();
        for (var i = 0; i < ascii.Length; i++)
        {
            bytes[i] = checked((byte)ascii[i]);
        }

        return new ShortAscii(MemoryMarshal.Read<ulong>(bytes), ascii.Length);
    }
}
