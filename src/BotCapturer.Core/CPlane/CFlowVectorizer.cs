namespace BotCapturer.CPlane;

/// <summary>
/// Turns aggregated C-flows into vectors once every flow is in (BotMiner §4.1.2): assigns epochs and fph windows,
/// computes the global split points of each feature and bins every C-flow's values.
/// </summary>
public static class CFlowVectorizer
{
    private const long NsPerSecond = 1_000_000_000;

    /// <summary>Epoch, window and quantization over everything the aggregator holds.</summary>
    public static CFlowVectorSet Vectorize(CFlowAggregator aggregator)
    {
        var options = aggregator.Options;
        var entries = aggregator.CFlows
            .Select(pair => (Key: pair.Key, Samples: pair.Value.ToArray()))
            .ToArray();
        if (entries.Length == 0)
        {
            return new CFlowVectorSet([], [.. Enumerable.Range(0, 4).Select(_ => new double[Quantizer.Percentiles.Length])], options.FphWindow ?? TimeSpan.FromHours(1), 0, options.Epoch);
        }

        long origin = long.MaxValue, last = long.MinValue, flowTotal = 0;
        foreach (var (_, samples) in entries)
        {
            Array.Sort(samples, FlowSample.Compare);
            origin = Math.Min(origin, samples[0].StartNs);
            last = Math.Max(last, samples[^1].StartNs);
            flowTotal += samples.Length;
        }

        var epochNs = options.Epoch.Ticks * 100;
        var windowNs = options.FphWindow is { } w ? w.Ticks * 100 : AutoWindowNs(last - origin, epochNs);

        // Split every C-flow by epoch: (key with epoch, its samples).
        var cflows = new List<(CFlowKey Key, ArraySegment<FlowSample> Samples)>(entries.Length);
        foreach (var (key, samples) in entries)
        {
            var begin = 0;
            while (begin < samples.Length)
            {
                var epoch = (int)((samples[begin].StartNs - origin) / epochNs);
                var end = begin + 1;
                while (end < samples.Length && (samples[end].StartNs - origin) / epochNs == epoch)
                {
                    end++;
                }

                cflows.Add((key with { Epoch = epoch }, new ArraySegment<FlowSample>(samples, begin, end - begin)));
                begin = end;
            }
        }

        cflows.Sort(static (a, b) => a.Key.CompareTo(b.Key));

        // fph: the C-flow's flow count in each window from its first flow to its last (within its epoch). The
        // windows start at the C-flow's own first flow, so the same behaviour started at another time (bots of one
        // botnet are not synchronised) gives the same fph values.
        var fph = new int[cflows.Count][];
        long maxFph = 0;
        for (var i = 0; i < cflows.Count; i++)
        {
            var samples = cflows[i].Samples;
            var first = samples[0].StartNs;
            var windows = (int)(((samples[^1].StartNs - first) / windowNs) + 1);
            var counts = new int[windows];
            foreach (var s in samples)
            {
                counts[(int)((s.StartNs - first) / windowNs)]++;
            }

            fph[i] = counts;
            maxFph = Math.Max(maxFph, counts.Max());
        }

        var splits = new double[4][];
        var fphFrequency = new long[maxFph + 1];
        foreach (var counts in fph)
        {
            foreach (var c in counts)
            {
                fphFrequency[c]++;
            }
        }

        splits[(int)CFlowFeature.Fph] = Quantizer.SplitPointsFromCounts(fphFrequency);
        var values = new double[flowTotal];
        for (var feature = CFlowFeature.Ppf; feature <= CFlowFeature.Bps; feature++)
        {
            var n = 0;
            foreach (var (_, samples) in cflows)
            {
                foreach (var s in samples)
                {
                    values[n++] = Value(s, feature);
                }
            }

            splits[(int)feature] = Quantizer.SplitPoints(values);
        }

        var vectors = new CFlowVector[cflows.Count];
        for (var i = 0; i < cflows.Count; i++)
        {
            vectors[i] = Build(cflows[i].Key, cflows[i].Samples, fph[i], splits);
        }

        return new CFlowVectorSet(vectors, splits, TimeSpan.FromTicks(windowNs / 100), origin, options.Epoch);
    }

    /// <summary>
    /// The fph window chosen when none is configured: the analysed span (capped at one epoch) over 24, clamped to
    /// [1 s, 1 h]. A day of data gets BotMiner's hourly windows; a ten-minute capture gets 25 s windows, so every
    /// C-flow still has 24 fph samples.
    /// </summary>
    public static long AutoWindowNs(long spanNs, long epochNs)
    {
        var window = Math.Min(spanNs, epochNs) / 24;
        return Math.Clamp(window, NsPerSecond, 3600 * NsPerSecond);
    }

    /// <summary>A flow feature of a sample (not fph, which belongs to a C-flow).</summary>
    public static double Value(in FlowSample sample, CFlowFeature feature) => feature switch
    {
        CFlowFeature.Ppf => sample.PacketsPerFlow,
        CFlowFeature.Bpp => sample.BytesPerPacket,
        CFlowFeature.Bps => sample.BytesPerSecond,
        _ => throw new ArgumentOutOfRangeException(nameof(feature)),
    };

    private static CFlowVector Build(CFlowKey key, ArraySegment<FlowSample> samples, int[] fph, double[][] splits)
    {
        var counts = new int[CFlowVector.Dimensions];
        var fractions = new float[CFlowVector.Dimensions];
        var reduced = new double[CFlowVector.ReducedDimensions];
        var means = new double[4];
        var stds = new double[4];
        for (var f = 0; f < 4; f++)
        {
            var feature = (CFlowFeature)f;
            var n = feature == CFlowFeature.Fph ? fph.Length : samples.Count;
            double levelSum = 0, levelSquares = 0, rawSum = 0, rawSquares = 0;
            for (var j = 0; j < n; j++)
            {
                var x = feature == CFlowFeature.Fph ? fph[j] : Value(samples[j], feature);
                var bin = Quantizer.Bin(x, splits[f]);
                counts[(f * Quantizer.Bins) + bin]++;
                levelSum += bin;
                levelSquares += (double)bin * bin;
                rawSum += x;
                rawSquares += x * x;
            }

            for (var b = 0; b < Quantizer.Bins; b++)
            {
                fractions[(f * Quantizer.Bins) + b] = (float)((double)counts[(f * Quantizer.Bins) + b] / n);
            }

            var levelMean = levelSum / n;
            reduced[2 * f] = levelMean / (Quantizer.Bins - 1);
            reduced[(2 * f) + 1] = Math.Sqrt(Math.Max(0, (levelSquares / n) - (levelMean * levelMean))) / (Quantizer.Bins - 1);
            means[f] = rawSum / n;
            stds[f] = Math.Sqrt(Math.Max(0, (rawSquares / n) - (means[f] * means[f])));
        }

        return new CFlowVector(key, samples.Count, fph.Length, counts, fractions, reduced, means, stds);
    }
}
