namespace BotCapturer.Generation;

/// <summary>
/// A discrete-event merge: actors and the packet lists they produce wait in one priority queue keyed by
/// (capture time, insertion order), so output is in time order, deterministic, and memory holds only the
/// conversations still in progress, however long the capture.
/// </summary>
internal sealed class Simulation
{
    private readonly PriorityQueue<object, (long TimeNs, long Order)> _queue = new();
    private long _order;

    public Simulation(Network network, long startNs, long endNs)
    {
        Network = network;
        StartNs = startNs;
        EndNs = endNs;
    }

    public Network Network { get; }

    public long StartNs { get; }

    /// <summary>Capture stops here: later packets are not written and actors are not called again.</summary>
    public long EndNs { get; }

    /// <summary>Capture time of the actor being run or the packet being written.</summary>
    public long NowNs { get; private set; }

    public void AddActor(Actor actor)
    {
        if (actor.NextNs < EndNs)
        {
            _queue.Enqueue(actor, (actor.NextNs, _order++));
        }
    }

    /// <summary>Adds a conversation's packets (in any order; they are sorted, ties kept in insertion order).</summary>
    public void AddPackets(List<SimPacket> packets)
    {
        if (packets.Count == 0)
        {
            return;
        }

        var sorted = packets.Where(p => p.TimeNs < EndNs).OrderBy(p => p.TimeNs).ToArray();
        if (sorted.Length > 0)
        {
            if (sorted[0].TimeNs < NowNs)
            {
                throw new InvalidOperationException($"a packet at {sorted[0].TimeNs} ns was added after capture time reached {NowNs} ns");
            }

            var cursor = new PacketCursor(sorted);
            _queue.Enqueue(cursor, (sorted[0].TimeNs, _order++));
        }
    }

    /// <summary>Runs to the end, handing every packet in time order to <paramref name="write"/>.</summary>
    public void Run(Action<SimPacket> write, CancellationToken cancellationToken)
    {
        var steps = 0;
        while (_queue.TryDequeue(out var item, out var key))
        {
            if ((++steps & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            NowNs = key.TimeNs;
            if (item is PacketCursor cursor)
            {
                write(cursor.Current);
                if (cursor.MoveNext())
                {
                    _queue.Enqueue(cursor, (cursor.Current.TimeNs, _order++));
                }
            }
            else
            {
                var actor = (Actor)item;
                var before = actor.NextNs;
                actor.Act(this);
                if (actor.NextNs <= before)
                {
                    throw new InvalidOperationException($"{actor.GetType().Name} did not move forward in time");
                }

                AddActor(actor);
            }
        }
    }

    private sealed class PacketCursor(SimPacket[] packets)
    {
        private int _index;

        public SimPacket Current => packets[_index];

        public bool MoveNext() => ++_index < packets.Length;
    }
}
