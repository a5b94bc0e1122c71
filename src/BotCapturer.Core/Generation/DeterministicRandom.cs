namespace BotCapturer.Generation;

/// <summary>
/// xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2018), seeded through
/// SplitMix64. Unlike <see cref="Random"/>, its sequence is fixed by this code, and its distributions use
/// <see cref="DeterministicMath"/> rather than the platform's C library, so a seed gives the same capture on every
/// runtime, operating system and CPU. Each actor derives its own stream, so adding hosts does not change what the others do.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DeterministicRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A generator for a named sub-stream of <paramref name="seed"/> (FNV-1a of the name mixed into the seed).</summary>
    public static DeterministicRandom Derive(ulong seed, string stream, long index = 0)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in stream)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        var x = seed ^ hash ^ ((ulong)index * 0x9E3779B97F4A7C15UL);
        return new DeterministicRandom(SplitMix64(ref x));
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>) (Lemire's multiply-shift, bias below 2^-32 for the ranges used here).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : (int)((NextUInt32() * (ulong)maxExclusive) >> 32);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(NextUInt64() >> 56);
        }
    }

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Exponential with the given mean (inverse transform).</summary>
    public double Exponential(double mean) => -mean * DeterministicMath.Log(1.0 - NextDouble());

    /// <summary>Pareto with scale <paramref name="min"/> and shape <paramref name="alpha"/>: heavy-tailed think times (Barford and Crovella, SIGMETRICS 1998).</summary>
    public double Pareto(double min, double alpha) => min / DeterministicMath.Pow(1.0 - NextDouble(), 1.0 / alpha);

    /// <summary>Standard normal (Marsaglia's polar method: no trigonometry, and <see cref="Math.Sqrt"/> is exactly rounded everywhere).</summary>
    public double Normal()
    {
        while (true)
        {
            var u = (2.0 * NextDouble()) - 1.0;
            var v = (2.0 * NextDouble()) - 1.0;
            var s = (u * u) + (v * v);
            if (s is > 0 and < 1)
            {
                return u * Math.Sqrt(-2.0 * DeterministicMath.Log(s) / s);
            }
        }
    }

    /// <summary>Log-normal: exp(N(ln median, sigma)). Web object sizes are close to log-normal in the body (Barford and Crovella 1998).</summary>
    public double LogNormal(double median, double sigma) => median * DeterministicMath.Exp(sigma * Normal());

    /// <summary>A rank in [0, n) drawn from a <see cref="ZipfTable"/>: popularity of web sites (Breslau et al., INFOCOM 1999), by inverse transform on 1/(k+1)^s.</summary>
    public int Zipf(double[] cumulative)
    {
        var i = Array.BinarySearch(cumulative, NextDouble());
        return i < 0 ? Math.Min(~i, cumulative.Length - 1) : i;
    }

    /// <summary>The cumulative distribution for <see cref="Zipf"/>.</summary>
    public static double[] ZipfTable(int n, double s)
    {
        var table = new double[n];
        var total = 0.0;
        for (var k = 0; k < n; k++)
        {
            total += 1.0 / DeterministicMath.Pow(k + 1, s);
            table[k] = total;
        }

        for (var k = 0; k < n; k++)
        {
            table[k] /= total;
        }

        return table;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
