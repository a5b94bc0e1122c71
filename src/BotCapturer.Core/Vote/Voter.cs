namespace BotCapturer.Vote;

/// <summary>
/// The voting step (DESIGN.md, Vote; BotCapturer 2018's voting over BotMiner's planes): per-host votes, the
/// suspicious hosts, and their grouping by <see cref="HostSimilarity"/> with <see cref="AverageLinkage"/>.
/// </summary>
public static class Voter
{
    /// <summary>Votes every host and groups the suspicious ones; hosts are ordered by suspicion, votes, botscore, beacon strength, planes with an opinion, graph score.</summary>
    public static VoteResult Vote(VoteInputs inputs, VoteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= VoteOptions.Default;
        var botScores = BotScore.Compute(inputs.AClusters, inputs.CClusters);
        var shared = SharedCClusters(inputs.CClusters);
        var inCPlane = inputs.CClusters.SelectMany(c => c.Hosts).ToHashSet(StringComparer.Ordinal);
        var aOf = new Dictionary<string, List<AClusterInput>>(StringComparer.Ordinal);
        foreach (var a in inputs.AClusters)
        {
            foreach (var h in a.Hosts.Distinct(StringComparer.Ordinal))
            {
                if (!aOf.TryGetValue(h, out var list))
                {
                    aOf[h] = list = [];
                }

                list.Add(a);
            }
        }

        var graph = inputs.Graph;
        var egonets = Egonets(inputs, options.ConfirmZ);

        // Most hosts have no opinion beyond their graph score and evenness: one lookup tells them apart, so their
        // verdicts cost little, and they come out of the graph's ranking already in the vote's order (see Ranked).
        var evidence = new HashSet<string>(graph.Anomalous, StringComparer.Ordinal);
        evidence.UnionWith(egonets.Keys);
        evidence.UnionWith(shared.Keys);
        evidence.UnionWith(aOf.Keys);
        evidence.UnionWith(inCPlane);
        evidence.UnionWith(inputs.Beacons.Keys);
        var plainSuspicious = options.Quorum <= 0;
        HostVerdict Verdict(string host, double graphScore, double evenness)
        {
            if (!evidence.Contains(host))
            {
                return new HostVerdict(host, plainSuspicious, VoteKind.None, 0, graphScore, false, [], [], [], evenness > 0 ? 1 : 0);
            }

            var anomalous = graph.Anomalous.Contains(host);
            var egonetsOf = egonets.GetValueOrDefault(host) ?? [];
            var cIds = shared.GetValueOrDefault(host) ?? [];
            var aList = aOf.GetValueOrDefault(host) ?? [];
            var score = botScores.GetValueOrDefault(host);
            var votes = VoteKind.None;
            votes |= anomalous || egonetsOf.Count > 0 ? VoteKind.Graph : VoteKind.None;
            votes |= cIds.Count > 0 ? VoteKind.CPlane : VoteKind.None;
            votes |= aList.Count > 0 ? VoteKind.APlane : VoteKind.None;
            votes |= aList.Count > 0 && score >= options.BotScoreThreshold ? VoteKind.BotScore : VoteKind.None;
            var planes = (inCPlane.Contains(host) ? 1 : 0)
                + (votes.HasFlag(VoteKind.Graph) || evenness > 0 ? 1 : 0)
                + (aList.Count > 0 ? 1 : 0);
            var suspicious = System.Numerics.BitOperations.PopCount((uint)votes) >= options.Quorum;
            return new HostVerdict(host, suspicious, votes, score, graphScore, anomalous, egonetsOf, cIds, aList, planes, inputs.Beacons.GetValueOrDefault(host));
        }

        // Every host: the graph's, the others seen, and any a plane has an opinion on.
        var others = new HashSet<string>(inputs.Hosts, StringComparer.Ordinal);
        others.UnionWith(graph.Anomalous);
        others.UnionWith(egonets.Keys);
        others.UnionWith(shared.Keys);
        others.UnionWith(aOf.Keys);
        others.UnionWith(inputs.Beacons.Keys);
        var ranked = graph.Ranked is { } graphHosts && graphHosts.Count == graph.Scores.Count
            ? InGraphOrder(graphHosts, others, evidence, Verdict)
            : null;
        if (ranked is null)
        {
            others.UnionWith(graph.Scores.Keys);
            var verdicts = new List<HostVerdict>(others.Count);
            foreach (var host in others)
            {
                verdicts.Add(Verdict(host, graph.Scores.GetValueOrDefault(host), graph.Evenness.GetValueOrDefault(host)));
            }

            verdicts.Sort(CompareSuspicion);
            ranked = verdicts;
        }

        return new VoteResult(ranked, Group([.. ranked.Where(v => v.Suspicious)], options));
    }

    /// <summary>Groups suspicious hosts: average linkage over <see cref="HostSimilarity"/>, cut at <see cref="VoteOptions.GroupCut"/>.</summary>
    public static List<HostGroup> Group(IReadOnlyList<HostVerdict> suspicious, VoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(suspicious);
        ArgumentNullException.ThrowIfNull(options);
        var n = suspicious.Count;
        var sim = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                sim[i, j] = sim[j, i] = HostSimilarity.Of(suspicious[i], suspicious[j]);
            }
        }

        var groups = new List<HostGroup>();
        foreach (var cluster in AverageLinkage.Cluster(sim, options.GroupCut))
        {
            if (cluster.Count < options.MinGroupSize)
            {
                continue;
            }

            var members = cluster.Select(i => suspicious[i]).OrderBy(v => v.Host, StringComparer.Ordinal).ToList();
            double total = 0;
            for (var x = 0; x < cluster.Count; x++)
            {
                for (var y = x + 1; y < cluster.Count; y++)
                {
                    total += sim[cluster[x], cluster[y]];
                }
            }

            var pairs = cluster.Count * (cluster.Count - 1) / 2;
            var cnc = members
                .SelectMany(m => m.Egonets)
                .GroupBy(c => c, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .ToList();
            groups.Add(new HostGroup(0, [.. members.Select(m => m.Host)], cnc, members, pairs == 0 ? 0 : total / pairs));
        }

        groups.Sort((a, b) => a.Hosts.Count != b.Hosts.Count
            ? b.Hosts.Count.CompareTo(a.Hosts.Count)
            : string.CompareOrdinal(a.Hosts[0], b.Hosts[0]));
        return [.. groups.Select((g, i) => g with { Id = i + 1 })];
    }

    /// <summary>
    /// Host → the C&amp;C candidates whose even-weighted egonet it is in: the graph layer's anomalous hosts (its own
    /// egonet expansion), and servers confirmed across planes: a C-cluster of two or more hosts whose C-flows all go
    /// to one server whose edge weights are strikingly even. Bots of one centralized botnet talk to their C&amp;C alike
    /// (BotMiner §2.2, §3.2) and the C&amp;C talks to its bots evenly (BotCapturer 2018); a popular service is neither.
    /// </summary>
    internal static Dictionary<string, List<string>> Egonets(VoteInputs inputs, double confirmZ)
    {
        var graph = inputs.Graph;
        var standsOut = EvennessOutliers(graph.Evenness, confirmZ);
        var egonets = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string host, string server)
        {
            if (!egonets.TryGetValue(host, out var list))
            {
                egonets[host] = list = [];
            }

            if (!list.Contains(server))
            {
                list.Add(server);
            }
        }

        foreach (var (host, server) in graph.EgonetOf)
        {
            Add(host, server);
        }

        foreach (var c in inputs.CClusters)
        {
            if (c.Server is { } server && c.Hosts.Count >= 2 && (standsOut(server) || graph.Anomalous.Contains(server)))
            {
                foreach (var host in c.Hosts)
                {
                    Add(host, server);
                }
            }
        }

        foreach (var list in egonets.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }

        return egonets;
    }

    /// <summary>Whether a host's modified z-score of ln(evenness) (Iglewicz and Hoaglin 1993) is at least <paramref name="z"/>.</summary>
    internal static Func<string, bool> EvennessOutliers(IReadOnlyDictionary<string, double> evenness, double z)
    {
        var logs = evenness.Values.Where(v => v > 0).Select(v => Math.Log(v)).Order().ToList();
        if (logs.Count == 0)
        {
            return _ => false;
        }

        var median = Median(logs);
        var mad = Median([.. logs.Select(v => Math.Abs(v - median)).Order()]);
        return host => evenness.TryGetValue(host, out var e) && e > 0
            && (mad > 0 ? 0.6745 * (Math.Log(e) - median) / mad >= z : Math.Log(e) > median);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Host → ids of the C-clusters it shares with at least one other host.</summary>
    internal static Dictionary<string, List<int>> SharedCClusters(IReadOnlyList<CClusterInput> cClusters)
    {
        var shared = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var c in cClusters)
        {
            var hosts = c.Hosts.Distinct(StringComparer.Ordinal).ToList();
            if (hosts.Count < 2)
            {
                continue;
            }

            foreach (var h in hosts)
            {
                if (!shared.TryGetValue(h, out var list))
                {
                    shared[h] = list = [];
                }

                list.Add(c.Id);
            }
        }

        return shared;
    }

    /// <summary>
    /// The verdicts in the vote's order, taking the graph's hosts in its ranking: those without evidence differ only in
    /// planes (0 or 1, by evenness), graph score and host text, so in ranking order they are already sorted within each
    /// planes value; the hosts with evidence and those outside the graph (few) are sorted, and the three runs merged.
    /// Null when the ranking turns out not to be in that order (the caller sorts instead).
    /// </summary>
    private static List<HostVerdict>? InGraphOrder(
        IReadOnlyList<RankedHost> graphHosts, HashSet<string> others, HashSet<string> evidence, Func<string, double, double, HostVerdict> verdict)
    {
        var even = new List<HostVerdict>();
        var plain = new List<HostVerdict>(graphHosts.Count);
        var rest = new List<HostVerdict>();
        foreach (var r in graphHosts)
        {
            others.Remove(r.Host);
            var v = verdict(r.Host, r.Score, r.Evenness);
            var run = evidence.Contains(r.Host) ? rest : v.Planes > 0 ? even : plain;
            if (run != rest && run.Count > 0 && CompareSuspicion(run[^1], v) >= 0)
            {
                return null;
            }

            run.Add(v);
        }

        foreach (var host in others)
        {
            rest.Add(verdict(host, 0, 0));
        }

        rest.Sort(CompareSuspicion);
        return Merge(Merge(even, plain), rest);
    }

    private static List<HostVerdict> Merge(List<HostVerdict> a, List<HostVerdict> b)
    {
        var merged = new List<HostVerdict>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            merged.Add(CompareSuspicion(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
        }

        merged.AddRange(a.Skip(i));
        merged.AddRange(b.Skip(j));
        return merged;
    }

    /// <summary>Most suspicious first: suspicious, votes, botscore, beacon strength, planes, graph score, then host text (ordinal); a total order.</summary>
    internal static int CompareSuspicion(HostVerdict a, HostVerdict b)
    {
        var c = b.Suspicious.CompareTo(a.Suspicious);
        c = c != 0 ? c : b.VoteCount.CompareTo(a.VoteCount);
        c = c != 0 ? c : b.BotScore.CompareTo(a.BotScore);

        // A lone bot shares no cluster and collects no vote; its regular check-ins to its C&C (BotFinder) are the
        // evidence left to put it above hosts with nothing but an opinion of some plane.
        c = c != 0 ? c : (b.Beacon?.Strength ?? 0).CompareTo(a.Beacon?.Strength ?? 0);
        c = c != 0 ? c : b.Planes.CompareTo(a.Planes);
        c = c != 0 ? c : b.GraphScore.CompareTo(a.GraphScore);
        return c != 0 ? c : string.CompareOrdinal(a.Host, b.Host);
    }
}
