using System.Globalization;
using BotCapturer.Net;

namespace BotCapturer.CPlane;

/// <summary>
/// A set of address blocks (CIDR notation, IPv4 and IPv6; a bare address is a /32 or /128 host). IPv4 blocks are
/// held in the IPv4-mapped space of <see cref="HostAddress"/>, so one 128-bit mask test serves both families.
/// </summary>
public sealed class CidrSet
{
    private readonly List<(ulong High, ulong Low, ulong MaskHigh, ulong MaskLow)> _blocks = [];
    private readonly List<string> _texts = [];

    /// <summary>RFC 1918 private IPv4 space and RFC 4193 unique local IPv6 addresses (BotMiner's "internal" default).</summary>
    public static CidrSet PrivateNetworks => Parse(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]);

    /// <summary>
    /// Destinations that never leave the local network: unspecified, loopback, link-local, multicast and broadcast
    /// (RFC 1122 §3.2.1.3, RFC 3927, RFC 5771, RFC 4291 §2.4). BotMiner monitors traffic that crosses the edge.
    /// </summary>
    public static CidrSet NonRoutable => Parse(
        ["0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fe80::/10", "ff00::/8"]);

    /// <summary>The empty set.</summary>
    public static CidrSet Empty => new();

    /// <summary>Number of blocks.</summary>
    public int Count => _blocks.Count;

    /// <summary>Parses blocks; throws <see cref="FormatException"/> naming the first bad entry.</summary>
    public static CidrSet Parse(IEnumerable<string> entries)
    {
        var set = new CidrSet();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (!set.TryAdd(entry))
            {
                throw new FormatException($"'{entry}' is not an address or CIDR block");
            }
        }

        return set;
    }

    /// <summary>Adds one block; false when the text is not an address or CIDR block.</summary>
    public bool TryAdd(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? entry : entry[..slash];
        if (!HostAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var isV4 = address.IsIPv4 && !addressText.Contains(':', StringComparison.Ordinal);
        var maxPrefix = isV4 ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(entry.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            return false;
        }

        var bits = isV4 ? 96 + prefix : prefix;
        var maskHigh = bits >= 64 ? ulong.MaxValue : bits == 0 ? 0 : ulong.MaxValue << (64 - bits);
        var maskLow = bits <= 64 ? 0 : bits >= 128 ? ulong.MaxValue : ulong.MaxValue << (128 - bits);
        _blocks.Add((address.High & maskHigh, address.Low & maskLow, maskHigh, maskLow));
        _texts.Add(entry);
        return true;
    }

    /// <summary>True when the address lies in one of the blocks.</summary>
    public bool Contains(HostAddress address)
    {
        foreach (var (high, low, maskHigh, maskLow) in _blocks)
        {
            if ((address.High & maskHigh) == high && (address.Low & maskLow) == low)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => string.Join(',', _texts);
}
