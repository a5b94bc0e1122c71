using System.Numerics;
using System.Runtime.CompilerServices;

namespace BotCapturer.Collections;

/// <summary>
/// A grow-only hash map for the per-flow aggregates (host ids, scan failures): open addressing with linear probing
/// over one array that holds each key and value inline next to a 32-bit tag of its hash. Its point is
/// <see cref="Prefetch"/>: the slot a key will be found in is known from the key alone, so a sink can start loading
/// the entries of the flows a few ahead and the cache misses overlap (17 % → 4 % of `run`'s streaming CPU,
/// docs/performance.md). Without prefetching it is no faster than <see cref="Dictionary{TKey,TValue}"/>, whose
/// entries are smaller. Keys come out in insertion order, as they do from a Dictionary that is never removed from,
/// so output built from it does not depend on hash values (which are keyed per process).
/// </summary>
/// <typeparam name="TKey">A value type whose <see cref="object.GetHashCode"/> mixes all of it; the map spreads it
/// further (Fibonacci hashing) before taking the top bits as the position.</typeparam>
/// <typeparam name="TValue">The value stored with each key.</typeparam>
public sealed class FlatMap<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
{
    private const int MinCapacity = 16;

    private Slot[] _slots;
    private int[] _order;
    private int _shift;

    /// <summary>An empty map with room for <paramref name="capacity"/> keys before it first grows.</summary>
    public FlatMap(int capacity = 0)
    {
        var size = Math.Max(MinCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)(((long)capacity * 8 / 5) + 8)));
        _slots = new Slot[size];
        _order = new int[MaxCount(size)];
        _shift = 32 - BitOperations.Log2((uint)size);
    }

    /// <summary>Keys in the map.</summary>
    public int Count { get; private set; }

    /// <summary>The value of <paramref name="key"/>, added as default when absent (<paramref name="exists"/> false).
    /// The reference is valid until the next key is added.</summary>
    public ref TValue GetValueRefOrAddDefault(TKey key, out bool exists)
    {
        var tag = Tag(key);
        var p = Find(key, tag);
        exists = p >= 0;
        if (exists)
        {
            return ref _slots[p].Value;
        }

        if (Count == _order.Length)
        {
            Grow();
            p = Find(key, tag);
        }

        ref var free = ref _slots[~p];
        free.Tag = tag;
        free.Key = key;
        _order[Count++] = ~p;
        return ref free.Value;
    }

    /// <summary>
    /// Starts loading the cache line where <paramref name="key"/> would be, so that a lookup of it a little later finds
    /// it there: a caller with a batch of keys prefetches a few keys ahead of the one it looks up, and the cache misses
    /// overlap instead of following one another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(in TKey key)
    {
        var slots = _slots;
        CachePrefetch.Line(ref slots[(int)(Tag(key) >> _shift) & (slots.Length - 1)]);
    }

    /// <summary>The value of <paramref name="key"/> when present.</summary>
    public bool TryGetValue(TKey key, out TValue value)
    {
        var p = Find(key, Tag(key));
        value = p >= 0 ? _slots[p].Value : default!;
        return p >= 0;
    }

    /// <summary>The value of <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public TValue GetValueOrDefault(TKey key, TValue fallback = default!) => TryGetValue(key, out var value) ? value : fallback;

    /// <summary>The keys and values in the order the keys were added.</summary>
    public Enumerator GetEnumerator() => new(this);

    // The slot holding the key, or the complement (~p) of the empty slot where it would go.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(in TKey key, uint tag)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var p = (int)(tag >> _shift);
        while (true)
        {
            ref var slot = ref slots[p];
            if (slot.Tag == 0)
            {
                return ~p;
            }

            if (slot.Tag == tag && slot.Key.Equals(key))
            {
                return p;
            }

            p = (p + 1) & mask;
        }
    }

    // The hash spread by 2^32/φ with its top bits as the position (Knuth §6.4); never 0, which marks an empty slot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Tag(in TKey key) => ((uint)key.GetHashCode() * 0x9E3779B9u) | 1u;

    // At most 5/8 of the slots are used, so probe runs stay short.
    private static int MaxCount(int size) => size / 8 * 5;

    private void Grow()
    {
        var old = _slots;
        var order = _order;
        var size = old.Length * 2;
        _slots = new Slot[size];
        _order = new int[MaxCount(size)];
        _shift--;
        var mask = size - 1;
        for (var i = 0; i < Count; i++)
        {
            ref var slot = ref old[order[i]];
            var p = (int)(slot.Tag >> _shift);
            while (_slots[p].Tag != 0)
            {
                p = (p + 1) & mask;
            }

            _slots[p] = slot;
            _order[i] = p;
        }
    }

    private struct Slot
    {
        public uint Tag;
        public TKey Key;
        public TValue Value;
    }

    /// <summary>Enumerates a map in insertion order without allocating.</summary>
    public struct Enumerator
    {
        private readonly FlatMap<TKey, TValue> _map;
        private int _index;

        internal Enumerator(FlatMap<TKey, TValue> map)
        {
            _map = map;
            _index = -1;
        }

        public readonly KeyValuePair<TKey, TValue> Current
        {
            get
            {
                ref var slot = ref _map._slots[_map._order[_index]];
                return KeyValuePair.Create(slot.Key, slot.Value);
            }
        }

        public bool MoveNext() => ++_index < _map.Count;
    }
}
