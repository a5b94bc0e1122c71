using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.Flows;

public sealed class FlowIndexTests
{
    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 3_000)]
    [InlineData(3, 20_000)]
    public void AgreesWithADictionaryThroughInsertsRemovalsAndGrowth(int seed, int distinctKeys)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, distinctKeys).Select(i => new FlowKey(
            (byte)(i % 3 == 0 ? 17 : 6),
            HostAddress.FromIPv4((uint)(0x0A000000 + random.Next(64))), (ushort)random.Next(65536),
            HostAddress.FromIPv4((uint)(0xC0A80000 + random.Next(64))), (ushort)random.Next(4))).Distinct().ToArray();
        var index = new FlowIndex();
        var slots = new FlowSlot[keys.Length];
        var reference = new Dictionary<FlowKey, int>();
        var free = new Stack<int>(Enumerable.Range(0, keys.Length).Reverse());

        for (var step = 0; step < 40 * keys.Length; step++)
        {
            var key = keys[random.Next(keys.Length)];
            var hash = FlowIndex.Hash(key);
            var found = index.Find(key, hash, slots, out var position);
            Assert.Equal(reference.TryGetValue(key, out var expected) ? expected : -1, found);
            // Grow to about 60 % of the keys, then hover there, so removals hit long probe runs and the array's wrap.
            var remove = found >= 0 && random.NextDouble() < (reference.Count > 0.6 * keys.Length ? 0.7 : 0.3);
            if (found < 0)
            {
                var slot = free.Pop();
                slots[slot].Key = key;
                index.Insert(position, hash, slot);
                reference[key] = slot;
            }
            else if (remove)
            {
                index.Remove(hash, found);
                reference.Remove(key);
                free.Push(found);
            }
            else if (free.Count > 0 && random.Next(4) == 0)
            {
                // The flow ended and began again on the same key in another slot.
                var slot = free.Pop();
                slots[slot].Key = key;
                index.Replace(position, slot);
                free.Push(found);
                reference[key] = slot;
            }

            Assert.Equal(reference.Count, index.Count);
        }

        var listed = new List<int>();
        index.CopySlotsTo(listed);
        Assert.Equal(reference.Values.Order(), listed.Order());
        foreach (var (key, slot) in reference)
        {
            Assert.Equal(slot, index.Find(key, FlowIndex.Hash(key), slots, out _));
        }

        index.Clear();
        Assert.Equal(0, index.Count);
        Assert.Equal(-1, index.Find(keys[0], FlowIndex.Hash(keys[0]), slots, out _));
    }

    [Fact]
    public void RemovingASlotThatIsNotThereIsAnError()
    {
        var index = new FlowIndex();
        Assert.Throws<InvalidOperationException>(() => index.Remove(FlowIndex.Hash(default), 7));
    }
}
