namespace BotCapturer.Evaluation;

/// <summary>Per-host confusion counts and the rates derived from them.</summary>
/// <param name="TruePositives">Labelled bot/C&amp;C, flagged.</param>
/// <param name="FalsePositives">Benign, flagged.</param>
/// <param name="FalseNegatives">Labelled bot/C&amp;C, not flagged.</param>
/// <param name="TrueNegatives">Benign, not flagged.</param>
public sealed record DetectionMetrics(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    /// <summary>TP / (TP + FN) (recall); NaN without positives.</summary>
    public double Tpr => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>FP / (FP + TN); NaN without negatives.</summary>
    public double Fpr => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>TP / (TP + FP); NaN when nothing is flagged.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>2TP / (2TP + FP + FN); NaN when there is neither a positive nor a flag.</summary>
    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    private static double Ratio(int a, int b) => b == 0 ? double.NaN : (double)a / b;
}
