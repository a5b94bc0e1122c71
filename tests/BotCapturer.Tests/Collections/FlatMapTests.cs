using BotCapturer.Collections;
using BotCapturer.Net;

namespace BotCapturer.Tests.Collections;

/// <summary><see cref="FlatMap{TKey,TValue}"/> against <see cref="Dictionary{TKey,TValue}"/> as the reference.</summary>
public sealed class FlatMapTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 100_000)]
    [InlineData(1_000, 50_000)]
    [InlineData(200_000, 100_000)]
    public void Adds_and_lookups_agree_with_a_dictionary_and_keys_come_out_in_insertion_order(int capacity, int operations)
    {
        var random = new Random(operations + capacity);
        var map = new FlatMap<HostAddress, long>(capacity);
        var reference = new Dictionary<HostAddress, long>();
        for (var i = 0; i < operations; i++)
        {
            // Few distinct keys in a narrow range, so most operations hit an existing key and probe runs collide.
            var key = random.Next(3) == 0
                ? HostAddress.FromIPv4((uint)random.Next(operations / 2 + 1))
                : new HostAddress((ulong)random.Next(4), (ulong)random.Next(operations / 4 + 1));
            ref var value = ref map.GetValueRefOrAddDefault(key, out var exists);
            Assert.Equal(reference.ContainsKey(key), exists);
            value += i;
            reference[key] = reference.GetValueOrDefault(key) + i;
        }

        Assert.Equal(reference.Count, map.Count);
        // A Dictionary that is never removed from enumerates in insertion order too.
        Assert.Equal(reference.ToList(), Pairs(map));
        foreach (var (key, value) in reference)
        {
            Assert.True(map.TryGetValue(key, out var found));
            Assert.Equal(value, found);
        }

        Assert.False(map.TryGetValue(new HostAddress(ulong.MaxValue, 7), out _));
        Assert.Equal(-1, map.GetValueOrDefault(new HostAddress(ulong.MaxValue, 7), -1));
    }

    [Fact]
    public void Keys_whose_hashes_are_all_equal_are_still_kept_apart()
    {
        var map = new FlatMap<Colliding, int>();
        for (var i = 0; i < 1_000; i++)
        {
            map.GetValueRefOrAddDefault(new Colliding(i), out _) = i * 10;
        }

        Assert.Equal(1_000, map.Count);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(i * 10, map.GetValueOrDefault(new Colliding(i), -1));
        }

        Assert.Equal(Enumerable.Range(0, 1_000), Pairs(map).Select(p => p.Key.Value));
    }

    private static List<KeyValuePair<TKey, TValue>> Pairs<TKey, TValue>(FlatMap<TKey, TValue> map)
        where TKey : struct, IEquatable<TKey>
    {
        var pairs = new List<KeyValuePair<TKey, TValue>>();
        foreach (var pair in map)
        {
            pairs.Add(pair);
        }

        return pairs;
    }

    private readonly record struct Colliding(int Value)
    {
        public override int GetHashCode() => 42;
    }
}
