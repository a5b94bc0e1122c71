namespace BotCapturer.Graph;

/// <summary>
/// The graph layer (DESIGN.md; BotCapturer, IJPE 2018): per-host OddBall egonet features and out-of-line scores,
/// LOF, weight regularity, one combined score, and the egonet expansion the voting step uses.
/// </summary>
/// <remarks>
/// The combination (measured in docs/graph.md): <c>score = Evenness + Structural</c>.
/// <list type="bullet">
/// <item>Evenness (<see cref="WeightRegularity.Evenness"/>) carries BotCapturer's observation that a C&amp;C
/// server talks to many bots with strikingly even weights. It is 0 for most hosts and large for few.</item>
/// <item>Structural = ln(1 + the three OddBall out-of-line scores) + ln(max(1, LOF)), a few units at most: OddBall
/// (Akoglu 2010, §3.3) adds the out-of-line score and LOF to catch both points far from the laws and points in
/// sparse regions; the logs keep it from swamping the evenness evidence while still ordering every host.</item>
/// </list>
/// BotCapturer's own sum (OddBall + LOF + CV, lowest first) ranked the campus C&amp;C servers 1, 3, 61, 65, 831;
/// the CV alone cannot tell 40 edges of 144 ± 1 packets from 2 edges of 7 and 7, and the out-of-line scores rank
/// popular servers first. Anomalous hosts are those whose own score is a robust outlier (modified z-score of
/// ln score above <see cref="GraphScoringOptions.AnomalyZ"/>). Egonet expansion: every partner of an anomalous host
/// with positive evenness sits inside that host's narrow band, so it is an even-weighted member of a suspicious
/// egonet; it inherits <c>T · S / (S + T)</c> (S the host's score, T the anomaly threshold), which ranks members
/// below every anomalous host and above every host with no evidence of its own.
/// </remarks>
public static class GraphScorer
{
    private const int MinPartnersForReference = 5;

    /// <summary>Scores every host of <paramref name="graph"/>.</summary>
    public static GraphScores Score(HostGraph graph, GraphScoringOptions? options = null)
    {
        options ??= GraphScoringOptions.Default;
        if (!(options.WeightUnit > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "WeightUnit must be positive");
        }

        var n = graph.NodeCount;
        var features = EgonetFeatures.Compute(graph, options.Egonet);
        var x = new double[n];
        var y = new double[n];
        var z = new double[n];
        var l = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = features.N[i];
            y[i] = features.E[i];
            z[i] = features.W[i];
            l[i] = features.Lambda[i];
        }

        // OddBall §3.2: the three laws, least squares on log-log over every host.
        var en = PowerLaw.Fit(x, y);
        var we = PowerLaw.Fit(y, z);
        var lw = PowerLaw.Fit(z, l);
        var lof = Lof.Compute(LogFeatures(x, y, z, l), 4, options.LofK);

        var width = new double[n];
        var widths = new List<double>();
        for (var i = 0; i < n; i++)
        {
            width[i] = WeightRegularity.RangeWidth(graph.WeightsOf(i), options.WeightUnit);
            if (features.N[i] >= MinPartnersForReference)
            {
                widths.Add(width[i]);
            }
        }

        var reference = widths.Count > 0 ? Median(widths) : 0;
        var evenness = new double[n];
        var own = new double[n];
        var structural = new double[n];
        var outs = new (double EN, double WE, double LW)[n];
        for (var i = 0; i < n; i++)
        {
            outs[i] = (en.OutOfLine(x[i], y[i]), we.OutOfLine(y[i], z[i]), lw.OutOfLine(z[i], l[i]));
            structural[i] = Math.Log(1 + outs[i].EN + outs[i].WE + outs[i].LW) + Math.Log(Math.Max(1, lof[i]));
            evenness[i] = WeightRegularity.Evenness(features.N[i], width[i], reference);
            own[i] = evenness[i] + structural[i];
        }

        var threshold = OutlierThreshold(evenness, options.AnomalyZ);
        var (inherited, source, members) = Expand(graph, own, evenness, threshold);
        var model = new GraphModel(en, we, lw, reference, threshold, n, graph.EdgeCount);
        var scores = new List<HostScore>(n);
        for (var i = 0; i < n; i++)
        {
            scores.Add(new HostScore(
                graph.Hosts.NameOf(i),
                i,
                Math.Max(own[i], inherited[i]),
                own[i],
                evenness[i],
                structural[i],
                outs[i].EN,
                outs[i].WE,
                outs[i].LW,
                lof[i],
                WeightRegularity.CoefficientOfVariation(graph.WeightsOf(i)),
                width[i],
                features.N[i],
                features.E[i],
                features.W[i],
                features.Lambda[i],
                graph.Strength(i),
                evenness[i] >= threshold,
                source[i] >= 0 ? graph.Hosts.NameOf(source[i]) : null));
        }

        return new GraphScores(scores, members, model);
    }

    private static double[] LogFeatures(double[] x, double[] y, double[] z, double[] l)
    {
        var points = new double[x.Length * 4];
        for (var i = 0; i < x.Length; i++)
        {
            points[4 * i] = SafeLog(x[i]);
            points[(4 * i) + 1] = SafeLog(y[i]);
            points[(4 * i) + 2] = SafeLog(z[i]);
            points[(4 * i) + 3] = SafeLog(l[i]);
        }

        return points;
    }

    private static double SafeLog(double v) => v > 0 ? Math.Log(v) : 0;

    // Iglewicz & Hoaglin (1993) modified z-score M = 0.6745 (v − median) / MAD of ln(evenness) over the hosts with
    // any evenness at all; anomalous when M > z. Returns the evenness at M = z.
    private static double OutlierThreshold(double[] evenness, double z)
    {
        var logs = evenness.Where(s => s > 0).Select(s => Math.Log(s)).ToList();
        if (logs.Count == 0)
        {
            return double.PositiveInfinity;
        }

        var median = Median(logs);
        var mad = Median(logs.Select(v => Math.Abs(v - median)).ToList());
        return mad > 0 ? Math.Exp(median + (z * mad / 0.6745)) : double.PositiveInfinity;
    }

    private static (double[] Inherited, int[] Source, IReadOnlyDictionary<string, IReadOnlyList<string>> Members) Expand(
        HostGraph graph, double[] own, double[] evenness, double threshold)
    {
        var n = graph.NodeCount;
        var inherited = new double[n];
        var source = new int[n];
        Array.Fill(source, -1);
        var members = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var s = 0; s < n; s++)
        {
            if (evenness[s] < threshold)
            {
                continue;
            }

            var lent = threshold * own[s] / (own[s] + threshold);
            var list = new List<string>(graph.Degree(s));
            foreach (var j in graph.NeighborsOf(s))
            {
                list.Add(graph.Hosts.NameOf(j));
                if (lent > inherited[j])
                {
                    inherited[j] = lent;
                    source[j] = s;
                }
            }

            members[graph.Hosts.NameOf(s)] = list;
        }

        return (inherited, source, members);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var m = values.Count / 2;
        return values.Count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }
}
