using System.Collections.Concurrent;
using BotCapturer.Decode;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Reading;

/// <summary>
/// Decoded packets on their way from a file's reader to one flow-table shard. The payload prefixes that the flow
/// table may keep are copied into <see cref="Arena"/> (at most the payload cap per packet); each record's
/// <see cref="DecodedPacket.PayloadOffset"/> points into it. Batches are pooled and reused.
/// </summary>
internal sealed class PacketBatch
{
    public const int Capacity = 4096;

    private static readonly ConcurrentBag<PacketBatch> Pool = [];

    private PacketBatch(int arenaBytes)
    {
        Arena = new byte[arenaBytes];
    }

    public PacketRecord[] Records { get; } = new PacketRecord[Capacity];

    public int Count { get; set; }

    public byte[] Arena { get; }

    public int ArenaUsed { get; set; }

    public long FileStartNs { get; set; }

    public bool IsFull(int payloadBytes) => Count == Capacity || ArenaUsed + payloadBytes > Arena.Length;

    public static PacketBatch Rent(int payloadCap)
    {
        // The arena holds a full batch of payload prefixes up to 64 bytes each; larger caps spill into more batches.
        var arena = Capacity * Math.Clamp(payloadCap, 16, 64);
        while (Pool.TryTake(out var batch))
        {
            if (batch.Arena.Length >= arena)
            {
                return batch;
            }
        }

        return new PacketBatch(arena);
    }

    public static void Return(PacketBatch batch)
    {
        batch.Count = 0;
        batch.ArenaUsed = 0;
        Pool.Add(batch);
    }
}
