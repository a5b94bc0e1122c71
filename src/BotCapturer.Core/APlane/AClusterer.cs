using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// A-plane clustering (BotMiner §3.4): activities are split by type, then grouped by target: the same cluster key
/// (scanned port and target subnet, binary hash, attacked service and subnet, signature), and for spam, server sets
/// that overlap by at least <see cref="APlaneOptions.SpamClusterOverlap"/> (single linkage). Each cluster is the set
/// of its activities' hosts, weighted by w(A) ≥ 1.
/// </summary>
public static class AClusterer
{
    /// <summary>Clusters the activities; the result is deterministic for a given input set.</summary>
    public static APlaneResult Cluster(IEnumerable<Activity> activities, APlaneOptions? options = null)
    {
        options ??= APlaneOptions.Default;
        var ordered = activities
            .OrderBy(a => a.Type)
            .ThenBy(a => a.ClusterKey, StringComparer.Ordinal)
            .ThenBy(a => a.Host)
            .ThenBy(a => a.StartNs)
            .ThenBy(a => a.Target, StringComparer.Ordinal)
            .ToList();

        var groups = new List<(ActivityType Type, string Key, List<int> Members)>();
        foreach (var group in Enumerable.Range(0, ordered.Count)
                     .Where(i => ordered[i].Type != ActivityType.Spam)
                     .GroupBy(i => (ordered[i].Type, ordered[i].ClusterKey)))
        {
            groups.Add((group.Key.Type, group.Key.ClusterKey, group.ToList()));
        }

        groups.AddRange(SpamGroups(ordered, options.SpamClusterOverlap));
        groups.Sort((x, y) => x.Type != y.Type ? x.Type.CompareTo(y.Type) : string.CompareOrdinal(x.Key, y.Key));

        var clusterOf = new int[ordered.Count];
        var clusters = new List<ACluster>(groups.Count);
        foreach (var (type, key, members) in groups)
        {
            var id = clusters.Count + 1;
            var items = members.Select(i => ordered[i]).ToList();
            foreach (var i in members)
            {
                clusterOf[i] = id;
            }

            clusters.Add(new ACluster(
                id,
                type,
                key,
                TargetOf(items),
                items.Select(a => a.Host).Distinct().Order().ToArray(),
                Math.Max(1.0, items.Max(a => a.Weight)),
                items.Count,
                items.Min(a => a.StartNs),
                items.Max(a => a.EndNs)));
        }

        return new APlaneResult(ordered, clusterOf, clusters);
    }

    private static string TargetOf(List<Activity> items)
    {
        if (items[0].Type == ActivityType.Spam)
        {
            return $"{items.SelectMany(a => a.Destinations).Distinct().Count()} mail servers";
        }

        // Scan and brute-force targets name a host or port per activity; the key names what they share.
        return items[0].Type is ActivityType.Scan or ActivityType.BruteForce && items.Count > 1 ? items[0].ClusterKey : items[0].Target;
    }

    private static IEnumerable<(ActivityType, string, List<int>)> SpamGroups(List<Activity> ordered, double overlap)
    {
        var spam = Enumerable.Range(0, ordered.Count).Where(i => ordered[i].Type == ActivityType.Spam).ToList();
        var parent = spam.ToDictionary(i => i, i => i);
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        var sets = spam.ToDictionary(i => i, i => ordered[i].Destinations.ToHashSet());
        for (var a = 0; a < spam.Count; a++)
        {
            for (var b = a + 1; b < spam.Count; b++)
            {
                var (x, y) = (sets[spam[a]], sets[spam[b]]);
                var common = x.Count <= y.Count ? x.Count(y.Contains) : y.Count(x.Contains);
                var smaller = Math.Min(x.Count, y.Count);
                if (smaller > 0 && common >= overlap * smaller)
                {
                    parent[Find(spam[a])] = Find(spam[b]);
                }
            }
        }

        foreach (var group in spam.GroupBy(Find))
        {
            var members = group.ToList();
            var first = members.Select(i => ordered[i].Host).Min();
            yield return (ActivityType.Spam, "smtp:" + HostKey(first), members);
        }
    }

    private static string HostKey(HostAddress host) => host.ToString();
}
