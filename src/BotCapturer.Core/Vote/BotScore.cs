namespace BotCapturer.Vote;

/// <summary>
/// BotMiner's cross-plane botscore (Gu et al., USENIX Security 2008, §3.5):
/// <c>s(h) = Σ_{i&lt;j, type(Ai)≠type(Aj), h∈Ai∩Aj} w(Ai)w(Aj)|Ai∩Aj|/|Ai∪Aj| + Σ_{i,k, h∈Ai∩Ck} w(Ai)|Ai∩Ck|/|Ai∪Ck|</c>.
/// </summary>
public static class BotScore
{
    /// <summary>The botscore of every host that is in at least one A-cluster (others score 0).</summary>
    public static Dictionary<string, double> Compute(IReadOnlyList<AClusterInput> aClusters, IReadOnlyList<CClusterInput> cClusters)
    {
        ArgumentNullException.ThrowIfNull(aClusters);
        ArgumentNullException.ThrowIfNull(cClusters);
        var aSets = aClusters.Select(a => a.Hosts.ToHashSet(StringComparer.Ordinal)).ToArray();
        var cSets = cClusters.Select(c => c.Hosts.ToHashSet(StringComparer.Ordinal)).ToArray();
        var aOf = IndexByHost(aSets);
        var cOf = IndexByHost(cSets);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (host, aList) in aOf)
        {
            double s = 0;
            for (var x = 0; x < aList.Count; x++)
            {
                var i = aList[x];
                for (var y = x + 1; y < aList.Count; y++)
                {
                    var j = aList[y];
                    if (!string.Equals(aClusters[i].Type, aClusters[j].Type, StringComparison.Ordinal))
                    {
                        s += aClusters[i].Weight * aClusters[j].Weight * Jaccard(aSets[i], aSets[j]);
                    }
                }

                foreach (var k in cOf.GetValueOrDefault(host) ?? [])
                {
                    s += aClusters[i].Weight * Jaccard(aSets[i], cSets[k]);
                }
            }

            scores[host] = s;
        }

        return scores;
    }

    /// <summary>|A∩B| / |A∪B|.</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var both = small.Count(large.Contains);
        var union = a.Count + b.Count - both;
        return union == 0 ? 0 : (double)both / union;
    }

    internal static Dictionary<string, List<int>> IndexByHost(IReadOnlyList<IReadOnlySet<string>> sets)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < sets.Count; i++)
        {
            foreach (var h in sets[i])
            {
                if (!index.TryGetValue(h, out var list))
                {
                    index[h] = list = [];
                }

                list.Add(i);
            }
        }

        return index;
    }
}
