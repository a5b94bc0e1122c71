using BotCapturer.Vote;

namespace BotCapturer.Benchmarks.Vote;

/// <summary>
/// Synthetic voting inputs for <c>hosts</c> internal hosts, shaped like a C-plane run on about 5 C-flows a host (the
/// 10^5-C-flow benchmark gives ~950 C-clusters for 20,000 hosts: a C-cluster per 20 hosts, a few very large, most of
/// 2–20 hosts) and an A-plane with a cluster per 100 hosts of 2–10 hosts each. Bots are 1 % of the hosts, in 10
/// botnets: each botnet shares a C-cluster to one server and a scan and a spam A-cluster. The graph layer scores every
/// host and flags 0.2 % of them, with egonets of 5 hosts.
/// </summary>
public static class VoteData
{
    private static readonly string[] ActivityTypes = ["scan", "spam", "binary download", "brute force"];

    public static VoteInputs Inputs(int hostCount, int seed = 1)
    {
        var random = new Random(seed);
        var hosts = Enumerable.Range(0, hostCount).Select(i => $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}").ToArray();
        var cClusters = new List<CClusterInput>();
        var aClusters = new List<AClusterInput>();

        // benign C-clusters: sizes 2-20, one in 50 of 100-1000 hosts (popular services); a few singletons
        for (var c = 0; c < hostCount / 20; c++)
        {
            var size = c % 50 == 0 ? random.Next(100, 1000) : c % 7 == 0 ? 1 : random.Next(2, 21);
            cClusters.Add(new CClusterInput(c, Pick(random, hosts, size), random.Next(3) == 0 ? $"198.51.{random.Next(256)}.{random.Next(256)}" : null));
        }

        for (var a = 0; a < hostCount / 100; a++)
        {
            aClusters.Add(new AClusterInput(a, ActivityTypes[random.Next(ActivityTypes.Length)], 1 + random.NextDouble(), Pick(random, hosts, random.Next(2, 11)), $"target {a}"));
        }

        // botnets
        var bots = Math.Max(2, hostCount / 100);
        var perBotnet = Math.Max(2, bots / 10);
        for (var b = 0; b * perBotnet < bots; b++)
        {
            var members = Pick(random, hosts, perBotnet);
            var server = $"203.0.113.{b}";
            cClusters.Add(new CClusterInput(cClusters.Count, members, server));
            aClusters.Add(new AClusterInput(aClusters.Count, "scan", 2, members, $"scan {b}"));
            aClusters.Add(new AClusterInput(aClusters.Count, "spam", 2, members, $"spam {b}"));
        }

        var scores = hosts.ToDictionary(h => h, _ => random.NextDouble(), StringComparer.Ordinal);
        var anomalous = hosts.Where(_ => random.NextDouble() < 0.002).ToHashSet(StringComparer.Ordinal);
        var egonetOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var centre in anomalous)
        {
            foreach (var h in Pick(random, hosts, 5))
            {
                egonetOf[h] = centre;
            }
        }

        var evenness = hosts.Where(_ => random.Next(4) == 0).ToDictionary(h => h, _ => Math.Exp(random.NextDouble() * 4), StringComparer.Ordinal);
        var graph = new GraphInput(scores, anomalous, egonetOf) { Evenness = evenness };
        return new VoteInputs(hosts, graph, cClusters, aClusters);
    }

    private static string[] Pick(Random random, string[] hosts, int count)
    {
        var picked = new HashSet<string>(StringComparer.Ordinal);
        while (picked.Count < Math.Min(count, hosts.Length))
        {
            picked.Add(hosts[random.Next(hosts.Length)]);
        }

        return [.. picked];
    }
}
