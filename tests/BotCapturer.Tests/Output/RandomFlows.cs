using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.Output;

/// <summary>Random flows with edge values (timestamps before 1970 and past 2106, extreme counters, 0/65535 ports, IPv4 and IPv6) for the row formatter tests.</summary>
internal static class RandomFlows
{
    public static readonly long[] EdgeNs =
    [
        0, 1, 999, 1_000, 1_001, 999_999_999, 1_000_000_000, -1, -999, -1_000, -1_001, -1_500, -999_999, -1_000_000,
        -1_000_000_000, -1_000_000_001, long.MinValue, long.MinValue + 1, long.MaxValue, long.MaxValue - 1,
        999_999_999_999_999_999, 1_000_000_000_000_000_000, 1_000_000_000_000_000_001, 1_262_345_678_123_456_789,
        1_262_345_678_000_000_000, 1_262_345_678_999_999_999, 4_294_967_295_999_999_999, 4_294_967_296_000_000_000,
        9_999_999_999_999_999, 1_234_567_890_987_654_321, -2_208_988_800_000_000_000,
    ];

    public static readonly long[] EdgeCounts = BuildEdgeCounts();

    private static readonly string[] EdgeAddresses =
    [
        "0.0.0.0", "255.255.255.255", "1.2.3.4", "9.10.99.100", "100.10.1.0", "10.0.0.255", "::", "::1",
        "2001:db8::1", "fe80::1:2:3:4", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:2:3:4:5:6:7:8", "::ffff:0:102:304",
    ];

    private static readonly byte[] Protocols = [(byte)IpProtocol.Tcp, (byte)IpProtocol.Udp, (byte)IpProtocol.Icmp, (byte)IpProtocol.Icmpv6, 0, 47, 255];

    public static Flow Create(Random random, long startNs, long endNs, long? counts)
    {
        var protocol = Protocols[random.Next(Protocols.Length)];
        return Flow.Create(protocol, RandomAddress(random), RandomPort(random), RandomAddress(random), RandomPort(random), startNs, endNs,
            counts ?? RandomCount(random), counts ?? RandomCount(random), counts ?? RandomCount(random), counts ?? RandomCount(random),
            (TcpFlags)random.Next(256), (TcpFlags)random.Next(256),
            sourcePayloadBytes: counts ?? RandomCount(random), destinationPayloadBytes: counts ?? RandomCount(random),
            sourceIpBytes: counts ?? RandomCount(random), destinationIpBytes: counts ?? RandomCount(random),
            sourceSentSyn: random.Next(2) == 0, destinationSentSynAck: random.Next(2) == 0);
    }

    public static long RandomNs(Random random) => random.Next(4) switch
    {
        0 => EdgeNs[random.Next(EdgeNs.Length)],
        1 => random.NextInt64(1_000_000_000_000_000_000, long.MaxValue), // 2001..2262: every digit random
        2 => random.NextInt64(long.MinValue, long.MaxValue),
        _ => random.NextInt64() >> random.Next(64), // every magnitude
    };

    private static long RandomCount(Random random) => random.Next(3) switch
    {
        0 => EdgeCounts[random.Next(EdgeCounts.Length)],
        1 => random.NextInt64() >> random.Next(64),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private static ushort RandomPort(Random random) => random.Next(4) switch
    {
        0 => 0,
        1 => 65535,
        _ => (ushort)(random.Next(65536) >> random.Next(16)),
    };

    private static HostAddress RandomAddress(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return HostAddress.Parse(EdgeAddresses[random.Next(EdgeAddresses.Length)]);
            case 1:
                var v6 = new byte[16];
                random.NextBytes(v6);
                v6.AsSpan(random.Next(9), random.Next(8)).Clear(); // runs of zero groups, for "::"
                return HostAddress.FromIPv6(v6);
            default:
                var v4 = new byte[4];
                random.NextBytes(v4);
                for (var i = 0; i < 4; i++)
                {
                    v4[i] >>= random.Next(8); // one, two and three digit octets alike
                }

                return HostAddress.FromIPv4(v4);
        }
    }

    private static long[] BuildEdgeCounts()
    {
        var counts = new List<long> { 0, long.MaxValue, long.MinValue, -1, uint.MaxValue, (long)uint.MaxValue + 1, 99_999_999, 100_000_000, 999_999_999_999_999_999, 1_000_000_000_000_000_000 };
        for (long p = 10; p > 0 && p <= long.MaxValue / 10; p *= 10)
        {
            counts.AddRange([p - 1, p, p + 1, -p]);
        }

        return [.. counts];
    }
}
