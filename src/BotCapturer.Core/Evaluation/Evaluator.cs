namespace BotCapturer.Evaluation;

/// <summary>Detection metrics of a run's host verdicts and groups against a labels file.</summary>
public static class Evaluator
{
    /// <summary>
    /// Evaluates. The host universe is every host of the result plus every labelled host (a labelled host the run
    /// never saw counts as not flagged).
    /// </summary>
    public static EvalReport Evaluate(
        IReadOnlyDictionary<string, HostLabel> labels,
        IEnumerable<string> allHosts,
        IReadOnlySet<string> suspicious,
        IReadOnlyList<ResultGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(allHosts);
        ArgumentNullException.ThrowIfNull(suspicious);
        ArgumentNullException.ThrowIfNull(groups);
        var universe = new SortedSet<string>(allHosts, StringComparer.Ordinal);
        universe.UnionWith(labels.Keys);
        universe.UnionWith(suspicious);
        var cnc = groups.SelectMany(g => g.Cnc).ToHashSet(StringComparer.Ordinal);

        int[] bots = new int[4], all = new int[4];
        var missed = new List<string>();
        var falseAlarms = new List<string>();
        foreach (var host in universe)
        {
            var label = labels.GetValueOrDefault(host);
            var isSuspicious = suspicious.Contains(host);
            if (label is null || !label.IsCnc)
            {
                Count(bots, label?.IsBot == true, isSuspicious);
            }

            var flagged = isSuspicious || cnc.Contains(host);
            var positive = label?.IsMalicious == true;
            Count(all, positive, flagged);
            if (positive && !flagged)
            {
                missed.Add(host);
            }
            else if (!positive && flagged)
            {
                falseAlarms.Add(host);
            }
        }

        return new EvalReport(Metrics(bots), Metrics(all), Purity(labels, groups), missed, falseAlarms);
    }

    /// <summary>Group purity: pure groups, groups that mix families, groups with benign members, whole families.</summary>
    public static GroupPurity Purity(IReadOnlyDictionary<string, HostLabel> labels, IReadOnlyList<ResultGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        int pure = 0, mixed = 0, benign = 0;
        foreach (var g in groups)
        {
            var families = g.Hosts.Select(h => labels.GetValueOrDefault(h)).Where(l => l?.IsBot == true).Select(l => l!.Family).Distinct(StringComparer.Ordinal).Count();
            var hasBenign = g.Hosts.Any(h => labels.GetValueOrDefault(h)?.IsBot != true);
            mixed += families > 1 ? 1 : 0;
            benign += hasBenign ? 1 : 0;
            pure += families == 1 && !hasBenign ? 1 : 0;
        }

        var familyBots = labels.Values.Where(l => l.IsBot).GroupBy(l => l.Family, StringComparer.Ordinal).ToList();
        var whole = familyBots.Count(f =>
        {
            var holding = groups.Where(g => f.Any(b => g.Hosts.Contains(b.Host))).ToList();
            return holding.Count == 1 && f.All(b => holding[0].Hosts.Contains(b.Host));
        });
        return new GroupPurity(groups.Count, pure, mixed, benign, whole, familyBots.Count);
    }

    private static void Count(int[] counts, bool positive, bool flagged) =>
        counts[(positive ? 0 : 2) + (flagged ? 0 : 1)]++;

    private static DetectionMetrics Metrics(int[] c) => new(TruePositives: c[0], FalsePositives: c[2], FalseNegatives: c[1], TrueNegatives: c[3]);
}
