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
            return new CFlowVectorSet([], [], [.. Enumerable.Range(0, 4).Select(_ => new double[Quantizer.Percentiles.Length])], options.FphWindow ?? TimeSpan.FromHours(1), 0, options.Epoch);
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

        // Split every C-flow by epoch: (key with epoch, its samples). A C-flow of a capture that spans many epochs
        // becomes many, so they are counted first and the list is made once.
        var parts = 0;
        foreach (var (_, samples) in entries)
        {
            for (var j = 0; j < samples.Length; j++)
            {
                if (j == 0 || (samples[j].StartNs - origin) / epochNs != (samples[j - 1].StartNs - origin) / epochNs)
                {
                    parts++;
                }
            }
        }

        var cflows = new List<(CFlowKey Key, ArraySegment<FlowSample> Samples)>(parts);
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
        // botnet are not synchronised) gives the same fph values. All C-flows' windows are in one block, C-flow i's
        // from fphStart[i] to fphStart[i + 1].
        var fphStart = new int[cflows.Count + 1];
        for (var i = 0; i < cflows.Count; i++)
        {
            var samples = cflows[i].Samples;
            // Checked: a tiny configured window over long C-flows must fail loudly, not wrap into wrong offsets.
            fphStart[i + 1] = checked(fphStart[i] + (int)(((samples[^1].StartNs - samples[0].StartNs) / windowNs) + 1));
        }

        var fph = new int[fphStart[^1]];
        var maxFph = 0;
        for (var i = 0; i < cflows.Count; i++)
        {
            var samples = cflows[i].Samples;
            var first = samples[0].StartNs;
            var counts = fph.AsSpan(fphStart[i], fphStart[i + 1] - fphStart[i]);
            foreach (var s in samples)
            {
                maxFph = Math.Max(maxFph, ++counts[(int)((s.StartNs - first) / windowNs)]);
            }
        }

        var splits = new double[4][];
        var fphFrequency = new long[maxFph + 1];
        foreach (var c in fph)
        {
            fphFrequency[c]++;
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

        // Every vector's numbers go into five blocks (one array each instead of five per C-flow); the clusterer reads
        // the fractions block as its matrix.
        var count = cflows.Count;
        var blocks = new Blocks(
            new int[count * CFlowVector.Dimensions],
            new float[count * CFlowVector.Dimensions],
            new double[count * CFlowVector.ReducedDimensions],
            new double[count * 4],
            new double[count * 4]);
        var vectors = new CFlowVector[count];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = Build(i, cflows[i].Key, cflows[i].Samples, new ArraySegment<int>(fph, fphStart[i], fphStart[i + 1] - fphStart[i]), splits, blocks);
        }

        return new CFlowVectorSet(vectors, blocks.Fractions, splits, TimeSpan.FromTicks(windowNs / 100), origin, options.Epoch);
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

    /// <summary>Vector i's counts, fractions, reduced values, raw means and raw standard deviations.</summary>
    private static CFlowVector Build(int i, CFlowKey key, ArraySegment<FlowSample> samples, ArraySegment<int> fph, double[][] splits, Blocks blocks)
    {
        var counts = new ArraySegment<int>(blocks.Counts, i * CFlowVector.Dimensions, CFlowVector.Dimensions);
        var fractions = new ArraySegment<float>(blocks.Fractions, i * CFlowVector.Dimensions, CFlowVector.Dimensions);
        var reduced = new ArraySegment<double>(blocks.Reduced, i * CFlowVector.ReducedDimensions, CFlowVector.ReducedDimensions);
        var means = new ArraySegment<double>(blocks.Means, i * 4, 4);
        var stds = new ArraySegment<double>(blocks.StdDevs, i * 4, 4);
        for (var f = 0; f < 4; f++)
        {
            var feature = (CFlowFeature)f;
            var n = feature == CFlowFeature.Fph ? fph.Count : samples.Count;
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

        return new CFlowVector(key, samples.Count, fph.Count, counts, fractions, reduced, means, stds);
    }

    private sealed record Blocks(int[] Counts, float[] Fractions, double[] Reduced, double[] Means, double[] StdDevs);
}
