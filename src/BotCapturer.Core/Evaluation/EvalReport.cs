namespace BotCapturer.Evaluation;

/// <summary>The outcome of evaluating a result against labels.</summary>
/// <param name="Bots">Bots (role <c>bot</c>) as positives, flagged = suspicious; C&amp;C servers left out.</param>
/// <param name="All">Bots and C&amp;C servers as positives, flagged = suspicious or a group's C&amp;C candidate.</param>
/// <param name="Purity">Group purity.</param>
/// <param name="Missed">Labelled bots and C&amp;C servers not flagged.</param>
/// <param name="FalseAlarms">Benign hosts flagged.</param>
public sealed record EvalReport(
    DetectionMetrics Bots,
    DetectionMetrics All,
    GroupPurity Purity,
    IReadOnlyList<string> Missed,
    IReadOnlyList<string> FalseAlarms);
