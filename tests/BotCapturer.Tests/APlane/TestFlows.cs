using System.Text;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.APlane;

/// <summary>Small generated flows for the A-plane detector tests.</summary>
internal static class TestFlows
{
    public const long Second = 1_000_000_000L;

    public static readonly long T0 = 1_700_000_000L * Second;

    public static HostAddress Ip(string text) => HostAddress.Parse(text);

    /// <summary>A TCP SYN that got no answer (Zeek S0).</summary>
    public static Flow FailedTcp(string src, string dst, ushort port, long startNs) =>
        Flow.Create((byte)IpProtocol.Tcp, Ip(src), 40000, Ip(dst), port, startNs, startNs + Second, 2, 120, 0, 0,
            sourceFlags: TcpFlags.Syn);

    /// <summary>A TCP SYN answered by RST (Zeek REJ).</summary>
    public static Flow RejectedTcp(string src, string dst, ushort port, long startNs) =>
        Flow.Create((byte)IpProtocol.Tcp, Ip(src), 40000, Ip(dst), port, startNs, startNs + Second / 100, 1, 60, 1, 60,
            sourceFlags: TcpFlags.Syn, destinationFlags: TcpFlags.Rst | TcpFlags.Ack);

    /// <summary>An established TCP connection with the given payloads.</summary>
    public static Flow Connection(string src, string dst, ushort port, long startNs, long durationNs, byte[]? clientPayload, byte[]? serverPayload,
        long clientBytes = -1, long serverBytes = -1, ushort sourcePort = 50000)
    {
        var cb = clientBytes >= 0 ? clientBytes : clientPayload?.Length ?? 0;
        var sb = serverBytes >= 0 ? serverBytes : serverPayload?.Length ?? 0;
        return Flow.Create((byte)IpProtocol.Tcp, Ip(src), sourcePort, Ip(dst), port, startNs, startNs + durationNs, 6, 400 + cb, 6, 400 + sb,
            TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Fin, TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Fin,
            cb, sb, clientPayload, serverPayload, FlowEnd.Fin);
    }

    /// <summary>A UDP flow, answered or not.</summary>
    public static Flow Udp(string src, string dst, ushort port, long startNs, bool answered) =>
        Flow.Create((byte)IpProtocol.Udp, Ip(src), 40000, Ip(dst), port, startNs, startNs + Second / 10, 1, 80, answered ? 1 : 0, answered ? 120 : 0);

    /// <summary>ICMP destination unreachable (type 3, code 3) from <paramref name="sender"/> to <paramref name="prober"/>.</summary>
    public static Flow IcmpUnreachable(string sender, string prober, long startNs, int packets = 1) =>
        Flow.Create((byte)IpProtocol.Icmp, Ip(sender), 3, Ip(prober), 3, startNs, startNs, packets, 70 * packets, 0, 0);

    /// <summary>The i-th address of a spread of public addresses (different /16s).</summary>
    public static string Spread(int i) => $"{11 + (i % 200)}.{(i * 37) % 256}.{(i * 11) % 256}.{1 + (i % 250)}";

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);
}
