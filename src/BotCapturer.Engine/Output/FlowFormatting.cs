using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BotCapturer.Decode;

namespace BotCapturer.Engine.Output;

/// <summary>Shared text formatting for flow outputs.</summary>
internal static class FlowFormatting
{
    /// <summary>Unix seconds with microseconds as UTF-8, e.g. <c>1262345678.123456</c> (truncated, as tshark and Zeek print).</summary>
    public static bool TryFormatSeconds(long ns, Span<byte> destination, out int written)
    {
        // The longest text is long.MinValue's "-9223372037.145225" (18 bytes); AsciiDigits may store a few bytes past it.
        Span<byte> text = stackalloc byte[32];
        var n = AsciiDigits.WriteSeconds(ref MemoryMarshal.GetReference(text), ns);
        written = 0;
        if (!text[..n].TryCopyTo(destination))
        {
            return false;
        }

        written = n;
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
