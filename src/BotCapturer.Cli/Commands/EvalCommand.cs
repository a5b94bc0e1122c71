using System.Globalization;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Analysis.Vote;
using BotCapturer.Evaluation;

namespace BotCapturer.Cli.Commands;

/// <summary><c>botengine eval</c>: a result directory against labels.</summary>
internal static class EvalCommand
{
    public static Task<int> RunAsync(EvalVerb verb, CliContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var labels = ReadLabels(verb.Labels);
        List<string> hosts;
        HashSet<string> suspicious;
        List<ResultGroup> groups;
        try
        {
            (hosts, suspicious, groups) = RunResultReader.Read(verb.Result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InputException(e.Message);
        }

        Print(context.Out, Evaluator.Evaluate(labels, hosts, suspicious, groups));
        return Task.FromResult(ExitCodes.Ok);
    }

    internal static Dictionary<string, HostLabel> ReadLabels(string path)
    {
        try
        {
            return LabelParser.Parse(File.ReadLines(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InputException(e.Message);
        }
    }

    internal static void Print(TextWriter o, EvalReport r)
    {
        Line(o, "bots", r.Bots);
        Line(o, "bots+cnc", r.All);
        var p = r.Purity;
        o.WriteLine($"groups     {p.Groups}: pure {p.Pure}, mixing families {p.MixedFamilies}, with benign hosts {p.WithBenign}; families found whole in one group {p.FamiliesWhole}/{p.Families}");
        o.WriteLine($"missed     {(r.Missed.Count == 0 ? "-" : string.Join(' ', r.Missed))}");
        o.WriteLine($"false      {(r.FalseAlarms.Count == 0 ? "-" : string.Join(' ', r.FalseAlarms))}");
    }

    private static void Line(TextWriter o, string name, DetectionMetrics m) =>
        o.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-10} TP {m.TruePositives} FP {m.FalsePositives} FN {m.FalseNegatives} TN {m.TrueNegatives}  TPR {F(m.Tpr)} FPR {F(m.Fpr)} precision {F(m.Precision)} F1 {F(m.F1)}"));

    private static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.000", CultureInfo.InvariantCulture);
}
