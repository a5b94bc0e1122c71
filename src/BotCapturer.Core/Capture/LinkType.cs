namespace BotCapturer.Capture;

/// <summary>LINKTYPE_ values of the tcpdump.org link-layer header registry that the decoder understands.</summary>
public enum LinkType : ushort
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    Null = 0,
    Ethernet = 1,
    Ppp = 9,
    /// <summary>DLT_RAW as some BSDs number it (12/14 in old libpcap); treated as raw IP.</summary>
    RawBsd12 = 12,
    RawBsd14 = 14,
    PppHdlc = 50,
    Raw = 101,
    /// <summary>OpenBSD loopback: like NULL, but the family is big-endian.</summary>
    Loop = 108,
    /// <summary>IEEE 802.11 without a radio header.</summary>
    Ieee80211 = 105,
    LinuxSll = 113,
    /// <summary>IEEE 802.11 behind a radiotap header.</summary>
    Ieee80211Radiotap = 127,
    IPv4 = 228,
    IPv6 = 229,
    LinuxSll2 = 276,
}
