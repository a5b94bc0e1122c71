using BotCapturer.Vote;

namespace BotCapturer.Tests.Vote;

public sealed class BotScoreTests
{
    private static AClusterInput A(int id, string type, double w, params string[] hosts) => new(id, type, w, hosts, type);

    private static CClusterInput C(int id, params string[] hosts) => new(id, hosts);

    [Fact]
    public void Botscore_matches_the_hand_computed_BotMiner_formula()
    {
        // A0 scan w=2 {a,b,c}; A1 spam w=1.5 {b,c,d}; A2 scan w=1 {a}; C0 {a,b,c,e}; C1 {d}.
        AClusterInput[] a = [A(0, "scan", 2, "a", "b", "c"), A(1, "spam", 1.5, "b", "c", "d"), A(2, "scan", 1, "a")];
        CClusterInput[] c = [C(0, "a", "b", "c", "e"), C(1, "d")];

        var s = BotScore.Compute(a, c);

        // a: A0∩C0 2·3/4 + A2∩C0 1·1/4 (A0,A2 are both scans: no A-A term).
        Assert.Equal(1.5 + 0.25, s["a"], 12);

        // b: A0,A1 2·1.5·2/4 + A0∩C0 2·3/4 + A1∩C0 1.5·2/5.
        Assert.Equal(1.5 + 1.5 + 0.6, s["b"], 12);
        Assert.Equal(s["b"], s["c"], 12);

        // d: A1∩C1 1.5·1/3.
        Assert.Equal(0.5, s["d"], 12);
        Assert.False(s.ContainsKey("e"));
    }

    [Fact]
    public void A_lone_scanner_in_a_large_benign_C_cluster_scores_low()
    {
        var benign = Enumerable.Range(0, 19).Select(i => $"h{i}").Append("scanner").ToArray();
        var s = BotScore.Compute([A(0, "scan", 2, "scanner")], [C(0, benign)]);
        Assert.Equal(2.0 / 20, s["scanner"], 12);
    }

    [Fact]
    public void Jaccard_of_sets()
    {
        var x = new HashSet<string> { "a", "b", "c" };
        var y = new HashSet<string> { "b", "c", "d", "e" };
        Assert.Equal(2.0 / 5, BotScore.Jaccard(x, y), 12);
        Assert.Equal(0, BotScore.Jaccard(new HashSet<string>(), new HashSet<string>()));
    }
}
