using BotCapturer.Evaluation;

namespace BotCapturer.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private static Dictionary<string, HostLabel> Labels() => LabelParser.Parse(
        ["host,role,family", "a,bot,f1", "b,bot,f1", "c,bot,f2", "s,cnc,f1", "n,benign", "# comment", ""], "labels.csv");

    [Fact]
    public void Counts_rates_and_purity_by_hand()
    {
        var groups = new List<ResultGroup> { new(1, ["a", "b"], ["s"]), new(2, ["d", "e"], []) };
        var report = Evaluator.Evaluate(Labels(), ["a", "b", "c", "d", "e", "s"], new HashSet<string> { "a", "b", "d", "e" }, groups);

        // Bots only (s left out): TP a,b; FN c; FP d,e; TN n.
        Assert.Equal(new DetectionMetrics(2, 2, 1, 1), report.Bots);

        // Bots and C&C: s counts as found through group 1's C&C candidates.
        Assert.Equal(new DetectionMetrics(3, 2, 1, 1), report.All);
        Assert.Equal(0.75, report.All.Tpr, 12);
        Assert.Equal(2.0 / 3, report.All.Fpr, 12);
        Assert.Equal(0.6, report.All.Precision, 12);
        Assert.Equal(6.0 / 9, report.All.F1, 12);
        Assert.Equal(["c"], report.Missed);
        Assert.Equal(["d", "e"], report.FalseAlarms);
        Assert.Equal(new GroupPurity(Groups: 2, Pure: 1, MixedFamilies: 0, WithBenign: 1, FamiliesWhole: 1, Families: 2), report.Purity);
    }

    [Fact]
    public void A_group_mixing_families_and_a_split_family()
    {
        // f1 is split over both groups; f2 (c) sits whole in group 1, which also holds a of f1.
        var groups = new List<ResultGroup> { new(1, ["a", "c"], []), new(2, ["b"], []) };
        var purity = Evaluator.Purity(Labels(), groups);
        Assert.Equal(new GroupPurity(2, Pure: 1, MixedFamilies: 1, WithBenign: 0, FamiliesWhole: 1, Families: 2), purity);
    }

    [Fact]
    public void No_positives_and_nothing_flagged_gives_NaN_rates_not_a_crash()
    {
        var m = Evaluator.Evaluate(new Dictionary<string, HostLabel>(), ["x"], new HashSet<string>(), []).All;
        Assert.Equal(new DetectionMetrics(0, 0, 0, 1), m);
        Assert.True(double.IsNaN(m.Tpr));
        Assert.Equal(0, m.Fpr);
    }

    [Fact]
    public void Bad_label_line_names_the_line_and_addresses_are_normalised()
    {
        var e = Assert.Throws<FormatException>(() => LabelParser.Parse(["host,role", "10.0.0.1"], "l.csv"));
        Assert.Equal("l.csv:2: expected host,role[,family]", e.Message);
        Assert.True(LabelParser.Parse(["::ffff:10.0.0.1,bot"], "l").ContainsKey("10.0.0.1"));
    }
}
