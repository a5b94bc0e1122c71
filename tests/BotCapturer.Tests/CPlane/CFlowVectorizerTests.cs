using BotCapturer.CPlane;
using BotCapturer.Net;

namespace BotCapturer.Tests.CPlane;

public sealed class CFlowVectorizerTests
{
    private const long Minute = 60_000_000_000;
    private static readonly HostAddress Bot = HostAddress.Parse("192.168.1.10");
    private static readonly CFlowKey KeyA = new(6, Bot, HostAddress.Parse("203.0.113.5"), 443);
    private static readonly CFlowKey KeyB = new(6, Bot, HostAddress.Parse("203.0.113.9"), 80);

    /// <summary>
    /// C-flow A: flows at 0, 10 and 130 min (ppf 2, 4, 4); C-flow B: one flow at 150 min (ppf 10). bpp and bps are
    /// the same for every flow. One-hour windows from each C-flow's first flow to its last: fph A = [2, 0, 1], B = [1].
    /// </summary>
    internal static CFlowAggregator SmallSet()
    {
        var aggregator = new CFlowAggregator(new CPlaneOptions { FphWindow = TimeSpan.FromHours(1) });
        aggregator.Add(KeyA, new FlowSample(0, 2, 100, 50));
        aggregator.Add(KeyA, new FlowSample(10 * Minute, 4, 100, 50));
        aggregator.Add(KeyA, new FlowSample(130 * Minute, 4, 100, 50));
        aggregator.Add(KeyB, new FlowSample(150 * Minute, 10, 100, 50));
        return aggregator;
    }

    [Fact]
    public void Split_points_cover_all_flows_and_all_fph_values()
    {
        var set = CFlowVectorizer.Vectorize(SmallSet());

        // fph values 0,1,1,2 (n = 4, h = 3 p / 100): p5 -> 0.15 ... p30 -> 0.9, p40..p60 -> 1, p70 -> 1.1, p80 -> 1.4, p90 -> 1.7
        double[] fph = [0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1, 1, 1, 1.1, 1.4, 1.7];
        Assert.Equal(fph, set.SplitPoints[(int)CFlowFeature.Fph], (a, b) => Math.Abs(a - b) < 1e-9);

        // ppf 2,4,4,10 (h = 3 p / 100): p5 = 2.3, p10 = 2.6, ... p70 = 4.6, p80 = 6.4, p90 = 8.2
        double[] ppf = [2.3, 2.6, 2.9, 3.2, 3.5, 3.8, 4, 4, 4, 4.6, 6.4, 8.2];
        Assert.Equal(ppf, set.SplitPoints[(int)CFlowFeature.Ppf], (a, b) => Math.Abs(a - b) < 1e-9);

        // every bpp value is 100: all split points are 100
        Assert.All(set.SplitPoints[(int)CFlowFeature.Bpp], s => Assert.Equal(100, s));
        Assert.Equal(TimeSpan.FromHours(1), set.FphWindow);
    }

    [Fact]
    public void Vectors_are_normalized_histograms_with_raw_counts()
    {
        var set = CFlowVectorizer.Vectorize(SmallSet());
        Assert.Equal(2, set.Vectors.Count);
        var a = set.Vectors.Single(v => v.Key.Destination == KeyA.Destination);
        var b = set.Vectors.Single(v => v.Key.Destination == KeyB.Destination);
        Assert.Equal(3, a.FlowCount);
        Assert.Equal(3, a.WindowCount);

        // fph A: 2 -> bin 12, 0 -> bin 0, 1 -> bin 6 (0.9 < 1 <= 1: equal to split 7); fph B: 1 -> bin 6
        Assert.Equal(1, a.Counts[0]);
        Assert.Equal(1, a.Counts[6]);
        Assert.Equal(1, a.Counts[12]);
        Assert.Equal(1f / 3, a.Fractions[0], 6);
        Assert.Equal(1f, b.Fractions[6]);
        Assert.Equal(1, b.WindowCount);

        // ppf A: 2 -> bin 0, 4 -> bin 6 (six splits below 4); ppf B: 10 -> bin 12
        Assert.Equal(1, a.Counts[Quantizer.Bins + 0]);
        Assert.Equal(2, a.Counts[Quantizer.Bins + 6]);
        Assert.Equal(2f / 3, a.Fractions[Quantizer.Bins + 6], 6);
        Assert.Equal(1f, b.Fractions[Quantizer.Bins + 12]);

        // bpp and bps: every value equals every split point, so x <= s1 puts all in bin 0
        Assert.Equal(1f, a.Fractions[2 * Quantizer.Bins]);
        Assert.Equal(1f, a.Fractions[3 * Quantizer.Bins]);

        // each histogram sums to 1
        for (var f = 0; f < 4; f++)
        {
            Assert.Equal(1.0, a.Fractions.Skip(f * Quantizer.Bins).Take(Quantizer.Bins).Sum(x => (double)x), 5);
        }
    }

    [Fact]
    public void Reduced_vector_is_mean_and_std_of_the_levels()
    {
        var a = CFlowVectorizer.Vectorize(SmallSet()).Vectors.Single(v => v.Key.Destination == KeyA.Destination);

        // fph levels 12, 0, 6: mean 6, population variance (144+0+36)/3 - 36 = 24; divided by 12
        Assert.Equal(0.5, a.Reduced[0], 12);
        Assert.Equal(Math.Sqrt(24) / 12, a.Reduced[1], 12);

        // ppf levels 0, 6, 6: mean 4, variance 24 - 16 = 8
        Assert.Equal(4.0 / 12, a.Reduced[2], 12);
        Assert.Equal(Math.Sqrt(8) / 12, a.Reduced[3], 12);

        // bpp, bps: all level 0
        Assert.Equal([0.0, 0.0, 0.0, 0.0], a.Reduced.Skip(4));

        // raw means for the summary: fph (2+0+1)/3, ppf (2+4+4)/3, bpp 100, bps 50
        Assert.Equal([1.0, 10.0 / 3, 100, 50], a.RawMeans, (x, y) => Math.Abs(x - y) < 1e-9);
    }

    [Fact]
    public void Epochs_split_a_cflow()
    {
        var aggregator = new CFlowAggregator(new CPlaneOptions { Epoch = TimeSpan.FromHours(1), FphWindow = TimeSpan.FromMinutes(30) });
        aggregator.Add(KeyA, new FlowSample(0, 2, 100, 50));
        aggregator.Add(KeyA, new FlowSample(50 * Minute, 2, 100, 50));
        aggregator.Add(KeyA, new FlowSample(70 * Minute, 2, 100, 50));
        var set = CFlowVectorizer.Vectorize(aggregator);
        Assert.Equal([0, 1], set.Vectors.Select(v => v.Key.Epoch));
        Assert.Equal([2, 1], set.Vectors.Select(v => v.FlowCount));

        // epoch 0: flows at 0 and 50 min, two 30-min windows; epoch 1: one flow, one window
        Assert.Equal([2, 1], set.Vectors.Select(v => v.WindowCount));
    }

    [Fact]
    public void Auto_window_is_span_over_24_between_1s_and_1h()
    {
        const long Second = 1_000_000_000;
        Assert.Equal(25 * Second, CFlowVectorizer.AutoWindowNs(600 * Second, 86400 * Second));
        Assert.Equal(Second, CFlowVectorizer.AutoWindowNs(2 * Second, 86400 * Second));
        Assert.Equal(3600 * Second, CFlowVectorizer.AutoWindowNs(3 * 86400 * Second, 86400 * Second));
    }
}
