namespace BotCapturer.Decode;

/// <summary>The outcome of decoding one frame. Everything but <see cref="Ok"/> is a reason a packet was skipped.</summary>
public enum DecodeStatus : byte
{
    Ok = 0,
    /// <summary>The captured bytes end inside a link, IP or transport header.</summary>
    Truncated,
    /// <summary>The link type is not one the decoder understands.</summary>
    UnsupportedLinkType,
    /// <summary>Not IPv4 or IPv6 (ARP, LLDP, STP, IPX, ...).</summary>
    NonIp,
    /// <summary>IP version field disagrees with the link layer's protocol.</summary>
    BadIpVersion,
    /// <summary>IPv4 header length below 20 bytes or beyond the packet.</summary>
    BadIpHeaderLength,
    /// <summary>IP total/payload length smaller than the header, or larger than the frame on the wire.</summary>
    BadIpLength,
    /// <summary>A non-first IP fragment: it carries no ports, so it cannot be put in a flow.</summary>
    IpFragment,
    /// <summary>TCP data offset below 5 words or beyond the segment.</summary>
    BadTcpHeaderLength,
    /// <summary>UDP length field smaller than its header.</summary>
    BadUdpLength,
    /// <summary>The capture record itself was bogus (for example captured length over original length).</summary>
    BadRecord,
}
