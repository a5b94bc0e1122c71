using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Engine.Reading;

/// <summary>
/// The record handler of a file read by one reader and built into flows by several shards: it filters and decodes
/// on the reader's span, then routes each packet by a direction-free hash of its endpoints to a shard's batch
/// (both directions of a conversation, and an ICMP request and its reply, land in the same shard).
/// </summary>
internal sealed class ShardingProcessor : IRecordHandler
{
    private readonly PacketIntake _intake;
    private readonly int _payloadCap;
    private readonly PacketBatch[] _current;
    private long _fileStartNs = long.MinValue;

    public ShardingProcessor(int shards, int payloadCap, PacketFilter? filter, Action<CaptureRecord, DecodedPacket>? observer)
    {
        _intake = new PacketIntake(filter, observer);
        _payloadCap = payloadCap;
        _current = new PacketBatch[shards];
        for (var i = 0; i < shards; i++)
        {
            _current[i] = PacketBatch.Rent(payloadCap);
        }
    }

    public PacketCounters Counters => _intake.Counters;

    public long Filtered => _intake.Filtered;

    /// <summary>Full batches waiting to be sent to their shard (the reader sends them between chunks).</summary>
    public List<(int Shard, PacketBatch Batch)> Ready { get; } = [];

    public void OnPacket(in CaptureRecord record, ReadOnlySpan<byte> frame)
    {
        if (!_intake.TryTake(record, frame, out var packet))
        {
            return;
        }

        if (_fileStartNs == long.MinValue)
        {
            _fileStartNs = record.TimestampNs;
        }

        var shard = Shard(packet, _current.Length);
        var take = Math.Min(packet.PayloadLength, _payloadCap);
        var batch = _current[shard];
        if (batch.IsFull(take))
        {
            Ready.Add((shard, batch));
            batch = _current[shard] = PacketBatch.Rent(_payloadCap);
        }

        batch.FileStartNs = _fileStartNs;
        if (take > 0)
        {
            frame.Slice(packet.PayloadOffset, take).CopyTo(batch.Arena.AsSpan(batch.ArenaUsed));
        }

        batch.Records[batch.Count++] = new PacketRecord(packet with { PayloadOffset = batch.ArenaUsed, PayloadLength = take }, record.TimestampNs, record.OriginalLength);
        batch.ArenaUsed += take;
    }

    public void OnBadRecord(in CaptureRecord record, string? reason) => _intake.CountBadRecord(record);

    /// <summary>Moves the partly filled batches to <see cref="Ready"/> (at the end of the file).</summary>
    public void FlushPartial()
    {
        for (var i = 0; i < _current.Length; i++)
        {
            if (_current[i].Count > 0)
            {
                Ready.Add((i, _current[i]));
                _current[i] = PacketBatch.Rent(_payloadCap);
            }
        }
    }

    /// <summary>Returns the unused batches to the pool.</summary>
    public void Release()
    {
        foreach (var batch in _current)
        {
            PacketBatch.Return(batch);
        }
    }

    private static int Shard(in DecodedPacket p, int shards)
    {
        // Symmetric in source and destination; ICMP ports (type/code) differ between request and reply, so they are left out.
        var ports = p.Protocol is (byte)IpProtocol.Icmp or (byte)IpProtocol.Icmpv6 ? 0UL : (ulong)(p.SourcePort ^ p.DestinationPort);
        var h = Mix(p.Source) ^ Mix(p.Destination) ^ (ports * 0x9E3779B97F4A7C15UL) ^ p.Protocol;
        h ^= h >> 29;
        return (int)(h % (ulong)shards);
    }

    private static ulong Mix(HostAddress a) => (a.Low * 0xC2B2AE3D27D4EB4FUL) ^ (a.High * 0x165667B19E3779F9UL);
}
