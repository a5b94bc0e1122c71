using BotCapturer.Flows;

namespace BotCapturer.Tests.Flows;

public sealed class FlowSlotQueueTests
{
    /// <summary>
    /// Drives the ring the way the flow table does (queue a slot, move it to another queue or free it, which leaves a
    /// stale entry behind; take from the head) against a list that holds only the live entries in order. Many slots
    /// leave; with the head taken rarely (a long timeout), the ring fills with stale entries and has to compact and
    /// grow, across its wrap.
    /// </summary>
    [Theory]
    [InlineData(1, 50, 0.15)]
    [InlineData(2, 2_000, 0.15)]
    [InlineData(3, 2_000, 0.001)]
    [InlineData(4, 20_000, 0.0001)]
    public void Live_entries_come_out_in_queueing_order_whatever_went_stale(int seed, int slotCount, double takeHead)
    {
        var random = new Random(seed);
        var queue = new FlowSlotQueue(0, timeoutNs: 1);
        var stamps = new uint[slotCount];
        var nodes = new LinkedListNode<(int Slot, long QueuedNs)>?[slotCount];
        var model = new LinkedList<(int Slot, long QueuedNs)>();
        var maxCount = 0;
        var compactions = 0;

        for (var step = 0L; step < 30L * slotCount; step++)
        {
            var slot = random.Next(slotCount);
            var roll = random.NextDouble();
            var countBefore = queue.Count;
            if (roll < takeHead)
            {
                TakeHead();
            }
            else if (roll < 0.45)
            {
                // (Re)queued: any older entry of the slot goes stale, as when a flow moves between queues.
                Leave(slot);
                stamps[slot]++;
                queue.Enqueue(slot, (ulong)slot * 31, stamps[slot], step, stamps);
                nodes[slot] = model.AddLast((slot, step));
            }
            else
            {
                // Freed or moved elsewhere: only the stamp changes; the entry stays behind, stale.
                Leave(slot);
                stamps[slot]++;
            }

            Assert.Equal(model.Count, queue.Live);
            compactions += queue.Count < countBefore - 1 && roll >= takeHead ? 1 : 0;
            maxCount = Math.Max(maxCount, queue.Count);
        }

        while (model.Count > 0)
        {
            TakeHead();
        }

        SkipStale();
        Assert.Equal(0, queue.Count);
        // Stale entries never take much more room than live ones: the ring compacts before it grows.
        Assert.True(maxCount <= Math.Max(256, 4 * slotCount), $"ring held {maxCount} entries for {slotCount} slots");
        Assert.True(takeHead > 0.01 || compactions > 0, "the ring never compacted");

        void Leave(int s)
        {
            if (nodes[s] is { } node)
            {
                queue.Live--;
                nodes[s] = null;
                model.Remove(node);
            }
        }

        void SkipStale()
        {
            while (queue.Count > 0 && stamps[queue.Peek(0).Slot] != queue.Peek(0).Stamp)
            {
                queue.Dequeue();
            }
        }

        void TakeHead()
        {
            SkipStale();
            if (model.First is not { } first)
            {
                Assert.Equal(0, queue.Count);
                return;
            }

            var head = queue.Peek(0);
            Assert.Equal(first.Value, (head.Slot, head.QueuedNs));
            Assert.Equal((ulong)head.Slot * 31, head.Hash);
            queue.Dequeue();
            queue.Live--;
            nodes[head.Slot] = null;
            model.RemoveFirst();
        }
    }

    [Fact]
    public void Clear_empties_the_ring()
    {
        var queue = new FlowSlotQueue(2, timeoutNs: 5);
        var stamps = new uint[1000];
        for (var i = 0; i < 1000; i++)
        {
            queue.Enqueue(i, 0, ++stamps[i], i, stamps);
        }

        queue.Clear();
        Assert.Equal((0, 0), (queue.Count, queue.Live));
        queue.Enqueue(7, 0, ++stamps[7], 1, stamps);
        Assert.Equal(7, queue.Peek(0).Slot);
    }
}
