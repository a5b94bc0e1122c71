using BotCapturer.CPlane;

namespace BotCapturer.Tests.CPlane;

public sealed class QuantizerTests
{
    // sorted: x0=1 x1=2 x2=2 x3=2 x4=3 x5=4 x6=5 x7=5 x8=6 x9=10 x10=20 (n = 11, h = 10 p / 100)
    private static readonly double[] Values = [5, 2, 20, 1, 2, 4, 10, 2, 3, 6, 5];

    [Fact]
    public void SplitPoints_interpolate_between_order_statistics_with_ties()
    {
        var splits = Quantizer.SplitPoints((double[])Values.Clone());

        // p5: h=0.5 -> 1+0.5(2-1)=1.5; p10: h=1 -> 2; p15: 2; p20: 2; p25: 2; p30: h=3 -> 2; p40: h=4 -> 3;
        // p50: 4; p60: 5; p70: 5; p80: 6; p90: h=9 -> 10
        Assert.Equal([1.5, 2, 2, 2, 2, 2, 3, 4, 5, 5, 6, 10], splits);
    }

    [Fact]
    public void Bin_follows_a_lt_x_le_b()
    {
        double[] splits = [1.5, 2, 2, 2, 2, 2, 3, 4, 5, 5, 6, 10];
        Assert.Equal(0, Quantizer.Bin(1, splits));      // x <= s1
        Assert.Equal(0, Quantizer.Bin(1.5, splits));    // equal to s1: still bin 0
        Assert.Equal(1, Quantizer.Bin(2, splits));      // 1.5 < 2 <= 2
        Assert.Equal(6, Quantizer.Bin(2.5, splits));    // s6=2 < 2.5 <= s7=3 (bins 2-5 are empty: tied splits)
        Assert.Equal(6, Quantizer.Bin(3, splits));      // equal to s7
        Assert.Equal(7, Quantizer.Bin(4, splits));
        Assert.Equal(8, Quantizer.Bin(5, splits));      // 4 < 5 <= 5
        Assert.Equal(10, Quantizer.Bin(6, splits));     // 5 < 6 <= 6
        Assert.Equal(11, Quantizer.Bin(10, splits));
        Assert.Equal(12, Quantizer.Bin(20, splits));    // above s12
    }

    [Fact]
    public void Bin_counts_of_the_small_set()
    {
        var splits = Quantizer.SplitPoints((double[])Values.Clone());
        var counts = new int[Quantizer.Bins];
        foreach (var v in Values)
        {
            counts[Quantizer.Bin(v, splits)]++;
        }

        // 1 -> 0; 2,2,2 -> 1; 3 -> 6; 4 -> 7; 5,5 -> 8; 6 -> 10; 10 -> 11; 20 -> 12
        Assert.Equal([1, 3, 0, 0, 0, 0, 1, 1, 2, 0, 1, 1, 1], counts);
    }

    [Fact]
    public void SplitPointsFromCounts_match_sorting_for_integers()
    {
        // values 0,0,0,1,1,2,5 as a frequency table
        long[] frequency = [3, 2, 1, 0, 0, 1];
        double[] values = [0, 0, 0, 1, 1, 2, 5];
        Assert.Equal(Quantizer.SplitPoints(values), Quantizer.SplitPointsFromCounts(frequency));
    }

    [Fact]
    public void Percentile_of_one_value_is_that_value()
    {
        Assert.Equal(7, Quantizer.Percentile([7.0], 90));
        Assert.Equal(0, Quantizer.Percentile([], 50));
    }
}
