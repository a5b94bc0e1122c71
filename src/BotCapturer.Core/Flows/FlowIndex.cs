using System.Numerics;
using System.Runtime.CompilerServices;
using BotCapturer.Collections;
using BotCapturer.Net;

namespace BotCapturer.Flows;

/// <summary>
/// The flow table's key → slot map: open addressing with linear probing over one array of 8-byte entries (the upper
/// 32 bits of the key's hash as a tag, the slot index + 1 below it; 0 is empty), deleting by shifting the following
/// entries back instead of leaving tombstones (Knuth, TAOCP vol. 3, §6.4, Algorithm R). The key itself stays in the
/// slot, which the caller reads anyway, so a lookup touches one entry and one slot: a general dictionary keeps a copy
/// of the 37-byte key in an entry reached through a bucket array, a third cache miss on every packet of a new flow.
/// Removal needs no key comparison at all: the entry holding the slot's index is the one to remove.
/// </summary>
internal sealed class FlowIndex
{
    private const int MinCapacity = 1 << 12;

    private ulong[] _entries = new ulong[MinCapacity];
    private int _shift = 64 - BitOperations.Log2(MinCapacity);
    private int _mask = MinCapacity - 1;

    /// <summary>Keys in the map.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// The key's 64-bit hash: each half of the key multiplied by its own constant after mixing in a per-process key
    /// (<see cref="HashKeys"/>, so crafted packets cannot aim at one probe run), then multiplied by 2^64/φ, whose top
    /// bits pick the position (Fibonacci hashing, Knuth §6.4).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(in FlowKey key)
    {
        var ports = ((ulong)key.PortA << 24) | ((ulong)key.PortB << 8) | key.Protocol;
        var h = ((key.A.Low ^ HashKeys.A) * 0xC2B2AE3D27D4EB4FUL)
            + ((key.B.Low ^ HashKeys.B) * 0x165667B19E3779F9UL)
            + ((key.A.High ^ (key.B.High << 1) ^ ports ^ HashKeys.C) * 0xFF51AFD7ED558CCDUL);
        h ^= h >> 29;
        return h * 0x9E3779B97F4A7C15UL;
    }

    /// <summary>
    /// Finds <paramref name="key"/>: returns its slot, or -1 with <paramref name="position"/> set to the empty entry
    /// where <see cref="Insert"/> puts it (valid until the map changes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(in FlowKey key, ulong hash, FlowSlot[] slots, out int position)
    {
        var tag = hash & 0xFFFF_FFFF_0000_0000UL;
        var entries = _entries;
        var p = (int)(hash >> _shift);
        while (true)
        {
            var entry = entries[p];
            if (entry == 0)
            {
                position = p;
                return -1;
            }

            if ((entry & 0xFFFF_FFFF_0000_0000UL) == tag)
            {
                var slot = (int)(uint)entry - 1;
                if (slots[slot].Key.Equals(key))
                {
                    position = p;
                    return slot;
                }
            }

            p = (p + 1) & _mask;
        }
    }

    /// <summary>Starts loading the entry where a key with <paramref name="hash"/> is looked up, for a lookup a little later.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong hash) => CachePrefetch.Line(ref _entries[(int)(hash >> _shift)]);

    /// <summary>
    /// The slot in the entry at the home position of <paramref name="hash"/> when that entry carries the hash's tag (most
    /// likely the key's own), else -1: for a prefetch, so it neither compares keys nor probes further.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int HomeSlot(ulong hash)
    {
        var entry = _entries[(int)(hash >> _shift)];
        return entry != 0 && (entry & 0xFFFF_FFFF_0000_0000UL) == (hash & 0xFFFF_FFFF_0000_0000UL) ? (int)(uint)entry - 1 : -1;
    }

    /// <summary>Puts a new key's slot at the empty <paramref name="position"/> that <see cref="Find"/> returned.</summary>
    public void Insert(int position, ulong hash, int slot)
    {
        _entries[position] = (hash & 0xFFFF_FFFF_0000_0000UL) | (uint)(slot + 1);
        if (++Count > (_entries.Length >> 1))
        {
            Grow();
        }
    }

    /// <summary>Points an existing key's entry at another slot (a flow that ended and began again on the same key).</summary>
    public void Replace(int position, int slot) =>
        _entries[position] = (_entries[position] & 0xFFFF_FFFF_0000_0000UL) | (uint)(slot + 1);

    /// <summary>Removes the entry of <paramref name="slot"/>, whose key hashes to <paramref name="hash"/>.</summary>
    public void Remove(ulong hash, int slot)
    {
        var entries = _entries;
        var wanted = (hash & 0xFFFF_FFFF_0000_0000UL) | (uint)(slot + 1);
        var p = (int)(hash >> _shift);
        while (entries[p] != wanted)
        {
            if (entries[p] == 0)
            {
                throw new InvalidOperationException($"flow slot {slot} is not in the index");
            }

            p = (p + 1) & _mask;
        }

        // Backward-shift deletion: move later entries of the probe run into the hole when their home position is
        // not between the hole and them (cyclically), so every key stays reachable from its home without tombstones.
        var hole = p;
        var next = (p + 1) & _mask;
        while (entries[next] is var entry and not 0)
        {
            // An entry keeps the hash's upper 32 bits, which are all its home position depends on.
            var home = (int)(entry >> _shift);
            if (((next - home) & _mask) >= ((next - hole) & _mask))
            {
                entries[hole] = entry;
                hole = next;
            }

            next = (next + 1) & _mask;
        }

        entries[hole] = 0;
        Count--;
    }

    /// <summary>The slots in the map, in no particular order.</summary>
    public void CopySlotsTo(List<int> slots)
    {
        foreach (var entry in _entries)
        {
            if (entry != 0)
            {
                slots.Add((int)(uint)entry - 1);
            }
        }
    }

    public void Clear()
    {
        Array.Clear(_entries);
        Count = 0;
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new ulong[old.Length * 2];
        _mask = _entries.Length - 1;
        _shift--;
        foreach (var entry in old)
        {
            if (entry != 0)
            {
                var p = (int)(entry >> _shift);
                while (_entries[p] != 0)
                {
                    p = (p + 1) & _mask;
                }

                _entries[p] = entry;
            }
        }
    }
}
