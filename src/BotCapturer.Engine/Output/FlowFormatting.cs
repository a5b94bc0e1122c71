using System.Globalization;
using System.Text;
using BotCapturer.Decode;

namespace BotCapturer.Engine.Output;

/// <summary>Shared text formatting for flow outputs.</summary>
internal static class FlowFormatting
{
    /// <summary>Unix seconds with microseconds as UTF-8, e.g. <c>1262345678.123456</c> (truncated, as tshark and Zeek print).</summary>
    public static bool TryFormatSeconds(long ns, Span<byte> destination, out int written)
    {
        var micros = ns / 1000;
        var seconds = Math.DivRem(micros, 1_000_000, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000;
        }

        written = 0;
        if (!seconds.TryFormat(destination, out var n, default, CultureInfo.InvariantCulture) || destination.Length < n + 7)
        {
            return false;
        }

        destination[n++] = (byte)'.';
        var f = (int)fraction;
        for (var i = 5; i >= 0; i--)
        {
            destination[n + i] = (byte)('0' + (f % 10));
            f /= 10;
        }

        written = n + 6;
        return true;
    }

    public static string Seconds(long ns)
    {
        Span<byte> buffer = stackalloc byte[32];
        TryFormatSeconds(ns, buffer, out var n);
        return Encoding.ASCII.GetString(buffer[..n]);
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
