namespace BotCapturer.CPlane;

/// <summary>
/// One C-flow after quantization (BotMiner §4.1.2): four 13-bin histograms (fph, ppf, bpp, bps) as raw counts and as
/// fractions of each histogram (the 52-d vector), and the reduced 8-d vector. The numbers live in row-major blocks
/// shared by every vector of a <see cref="CFlowVectorSet"/>; a vector holds its rows.
/// </summary>
public sealed class CFlowVector
{
    /// <summary>Dimensions of the full vector.</summary>
    public const int Dimensions = 4 * Quantizer.Bins;

    /// <summary>Dimensions of the reduced vector.</summary>
    public const int ReducedDimensions = 8;

    internal CFlowVector(CFlowKey key, int flowCount, int windowCount, ArraySegment<int> counts, ArraySegment<float> fractions, ArraySegment<double> reduced, ArraySegment<double> rawMeans, ArraySegment<double> rawStdDevs)
    {
        Key = key;
        FlowCount = flowCount;
        WindowCount = windowCount;
        Counts = counts;
        Fractions = fractions;
        Reduced = reduced;
        RawMeans = rawMeans;
        RawStdDevs = rawStdDevs;
    }

    public CFlowKey Key { get; }

    /// <summary>Flows in this C-flow.</summary>
    public int FlowCount { get; }

    /// <summary>fph windows of its epoch (the number of fph values).</summary>
    public int WindowCount { get; }

    /// <summary>Histogram counts, 52 values: fph bins 0-12, ppf 13-25, bpp 26-38, bps 39-51.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>The 52-d vector: each histogram divided by its total (fph by <see cref="WindowCount"/>, the others by <see cref="FlowCount"/>).</summary>
    public IReadOnlyList<float> Fractions { get; }

    /// <summary>
    /// The 8-d vector (mean, standard deviation) × (fph, ppf, bpp, bps) of the quantized levels (bin index / 12): the
    /// percentile scale puts every feature on [0, 1], so none dominates by its units or its heavy tail.
    /// </summary>
    public IReadOnlyList<double> Reduced { get; }

    /// <summary>Mean of each feature's raw values (fph, ppf, bpp, bps), for reports.</summary>
    public IReadOnlyList<double> RawMeans { get; }

    /// <summary>Population standard deviation of each feature's raw values.</summary>
    public IReadOnlyList<double> RawStdDevs { get; }

    public override string ToString() => $"{Key} ({FlowCount} flows)";
}
