namespace BotCapturer.Decode;

/// <summary>IANA protocol numbers the engine treats specially; any other number passes through as is.</summary>
public enum IpProtocol : byte
{
    Icmp = 1,
    Tcp = 6,
    Udp = 17,
    Icmpv6 = 58,
}
