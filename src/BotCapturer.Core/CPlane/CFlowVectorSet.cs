namespace BotCapturer.CPlane;

/// <summary>The quantized C-flows of one analysis, with the split points and the fph window that made them.</summary>
public sealed class CFlowVectorSet
{
    internal CFlowVectorSet(IReadOnlyList<CFlowVector> vectors, float[] fractionRows, double[][] splitPoints, TimeSpan fphWindow, long originNs, TimeSpan epoch)
    {
        FractionRows = fractionRows;
        Epoch = epoch;
        Vectors = vectors;
        SplitPoints = splitPoints;
        FphWindow = fphWindow;
        OriginNs = originNs;
    }

    /// <summary>C-flows in key order.</summary>
    public IReadOnlyList<CFlowVector> Vectors { get; }

    /// <summary>Every vector's 52 fractions, row by row in <see cref="Vectors"/>' order (what the clusterer reads).</summary>
    internal float[] FractionRows { get; }

    /// <summary>The 12 split points of each feature, indexed by <see cref="CFlowFeature"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> SplitPoints { get; }

    /// <summary>The fph window used (configured or chosen from the data).</summary>
    public TimeSpan FphWindow { get; }

    /// <summary>Start of epoch 0: the first flow's start, nanoseconds since the Unix epoch.</summary>
    public long OriginNs { get; }

    /// <summary>The epoch length the C-flows were cut by.</summary>
    public TimeSpan Epoch { get; }

    /// <summary>Start of epoch <paramref name="epoch"/> (<see cref="CFlowKey.Epoch"/>), nanoseconds since the Unix epoch.</summary>
    public long EpochStartNs(int epoch) => OriginNs + (epoch * (Epoch.Ticks * 100));
}
