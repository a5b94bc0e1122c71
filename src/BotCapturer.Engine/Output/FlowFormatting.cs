using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using BotCapturer.Decode;

namespace BotCapturer.Engine.Output;

/// <summary>Shared text formatting for flow outputs.</summary>
internal static class FlowFormatting
{
    /// <summary>Unix seconds with microseconds, e.g. <c>1262345678.123456</c> (truncated, as tshark and Zeek print), as chars or UTF-8 bytes.</summary>
    public static bool TryFormatSeconds<T>(long ns, Span<T> destination, out int written)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) != typeof(byte) && typeof(T) != typeof(char))
        {
            throw new NotSupportedException("seconds are formatted as chars or as UTF-8 bytes");
        }

        var micros = ns / 1000;
        var seconds = Math.DivRem(micros, 1_000_000, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000;
        }

        written = 0;
        var n = 0;
        if (seconds < 0)
        {
            if (destination.IsEmpty)
            {
                return false;
            }

            destination[n++] = T.CreateTruncating('-');
        }

        // The integer part through the runtime's own digit formatting (two digits a step), as chars or as UTF-8.
        var magnitude = seconds < 0 ? (ulong)(-(seconds + 1)) + 1 : (ulong)seconds;
        var formatted = typeof(T) == typeof(byte)
            ? magnitude.TryFormat(MemoryMarshal.Cast<T, byte>(destination[n..]), out var digits)
            : magnitude.TryFormat(MemoryMarshal.Cast<T, char>(destination[n..]), out digits);
        n += digits;
        if (!formatted || destination.Length < n + 7)
        {
            return false;
        }

        destination[n++] = T.CreateTruncating('.');
        var f = (int)fraction;
        for (var i = 5; i >= 0; i--)
        {
            destination[n + i] = T.CreateTruncating('0' + (f % 10));
            f /= 10;
        }

        written = n + 6;
        return true;
    }

    public static string Seconds(long ns)
    {
        Span<char> buffer = stackalloc char[32];
        TryFormatSeconds(ns, buffer, out var n);
        return new string(buffer[..n]);
    }

    public static string ProtocolName(byte protocol) => protocol switch
    {
        (byte)IpProtocol.Tcp => "tcp",
        (byte)IpProtocol.Udp => "udp",
        (byte)IpProtocol.Icmp => "icmp",
        (byte)IpProtocol.Icmpv6 => "icmp6",
        _ => ProtocolNumbers[protocol],
    };

    private static readonly string[] ProtocolNumbers = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
}
