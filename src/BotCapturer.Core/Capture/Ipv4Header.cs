using BotCapturer.Net;

namespace BotCapturer.Capture;

/// <summary>The link and network layer fields of a frame that <see cref="PacketBuilder"/> writes.</summary>
/// <param name="SourceMac">Ethernet source.</param>
/// <param name="DestinationMac">Ethernet destination.</param>
/// <param name="Source">IPv4 source, host byte order.</param>
/// <param name="Destination">IPv4 destination, host byte order.</param>
/// <param name="Identification">IPv4 identification field.</param>
/// <param name="Ttl">Time to live.</param>
/// <param name="DontFragment">Sets the DF flag.</param>
public readonly record struct Ipv4Header(
    MacAddress SourceMac,
    MacAddress DestinationMac,
    uint Source,
    uint Destination,
    ushort Identification,
    byte Ttl,
    bool DontFragment = true);
