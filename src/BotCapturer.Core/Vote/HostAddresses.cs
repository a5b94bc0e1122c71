using BotCapturer.Net;

namespace BotCapturer.Vote;

/// <summary>Which addresses are hosts: the graph layer and the vote leave out multicast, broadcast and unspecified ones.</summary>
public static class HostAddresses
{
    /// <summary>
    /// False for IPv4 multicast (224.0.0.0/4, RFC 5771), limited broadcast (255.255.255.255, RFC 919), 0.0.0.0, IPv6
    /// multicast (ff00::/8, RFC 4291 §2.7) and ::. A datagram to such an address is not an interaction between two
    /// hosts, and its receivers' even one-packet edges would look like a C&amp;C's egonet (OddBall's evenness).
    /// </summary>
    public static bool IsHost(HostAddress address)
    {
        if (address.IsIPv4)
        {
            var v = address.IPv4Value;
            return v != 0 && v != uint.MaxValue && (v >> 28) != 0xE;
        }

        return (address.High >> 56) != 0xFF && (address.High | address.Low) != 0;
    }
}
