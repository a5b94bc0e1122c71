using System.Globalization;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>Target-subnet summaries for A-cluster keys (BotMiner §3.4: scans are grouped by port and target subnet).</summary>
public static class Subnets
{
    /// <summary>The /24 (IPv4) or /64 (IPv6) that holds an address, as text.</summary>
    public static string Narrow(HostAddress address) => address.IsIPv4
        ? Format4(address.IPv4Value & 0xFFFF_FF00, 24)
        : Format6(address.High, 64);

    /// <summary>The /16 (IPv4) or /48 (IPv6) that holds an address, as text.</summary>
    public static string Wide(HostAddress address) => address.IsIPv4
        ? Format4(address.IPv4Value & 0xFFFF_0000, 16)
        : Format6(address.High & 0xFFFF_FFFF_FFFF_0000UL, 48);

    /// <summary>
    /// The narrow subnet that holds at least <paramref name="share"/> of the addresses, else such a wide subnet, else
    /// "*" (targets spread over the address space, as random-address scanners spread them).
    /// </summary>
    public static string Summarize(IReadOnlyCollection<HostAddress> addresses, double share)
    {
        if (addresses.Count == 0)
        {
            return "*";
        }

        var need = Math.Max(1, (int)Math.Ceiling(share * addresses.Count));
        var narrow = MostCommon(addresses, Narrow);
        if (narrow.Count >= need)
        {
            return narrow.Key;
        }

        var wide = MostCommon(addresses, Wide);
        return wide.Count >= need ? wide.Key : "*";
    }

    private static (string Key, int Count) MostCommon(IEnumerable<HostAddress> addresses, Func<HostAddress, string> prefix) =>
        addresses.GroupBy(prefix, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(x => x.Item2)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .First();

    private static string Format4(uint network, int bits) =>
        string.Create(CultureInfo.InvariantCulture, $"{network >> 24}.{(network >> 16) & 0xFF}.{(network >> 8) & 0xFF}.{network & 0xFF}/{bits}");

    private static string Format6(ulong high, int bits) => new HostAddress(high, 0).ToString() + "/" + bits.ToString(CultureInfo.InvariantCulture);
}
