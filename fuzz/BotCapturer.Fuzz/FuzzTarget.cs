using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Engine.Reading;
using BotCapturer.Flows;

namespace BotCapturer.Fuzz;

/// <summary>
/// The harness loop: one input is a whole capture file. It is read three ways, exactly as the engine reads files:
/// (1) in memory, the pure Core loop (CaptureFormat, parser loop, PacketDecoder, FlowTable) through the engine's own
/// <see cref="FileFlowProcessor"/>; (2) through the engine's <see cref="CaptureFileReader"/> (PipeReader loop) over a
/// memory stream in tiny pipe segments, so that nearly every record straddles segments and goes through the scratch
/// copy; (3) the same reader feeding the engine's <see cref="ShardingProcessor"/> and per-shard flow tables.
/// The contract is that none of them throws or hangs, and all three see the same records and decode them the same way.
/// A broken contract throws <see cref="InvalidOperationException"/>, which AFL++ records as a crash.
/// </summary>
public static class FuzzTarget
{
    private const int Shards = 3;

    private static readonly int StatusCount = Enum.GetValues<DecodeStatus>().Length;

    /// <summary>Runs the harness loop over <paramref name="data"/>; throws only when the contract is broken.</summary>
    public static FuzzOutcome Run(ReadOnlySpan<byte> data)
    {
        var memory = RunInMemory(data);
        var bytes = data.ToArray();

        // Segment sizes 16..128 bytes: records straddle segments at varying positions.
        var segment = 16 << (bytes.Length % 4);
        var piped = RunReader(bytes, segment);
        if (!memory.Agrees(piped))
        {
            throw new InvalidOperationException($"in-memory loop and CaptureFileReader disagree: {memory} vs {piped}");
        }

        var sharded = RunSharded(bytes, segment * 2);
        if (!memory.Agrees(sharded))
        {
            throw new InvalidOperationException($"in-memory loop and sharded reader disagree: {memory} vs {sharded}");
        }

        return memory;
    }

    /// <summary>The pure in-memory loop: the whole file is one buffer (as if it fit in one pipe segment).</summary>
    public static FuzzOutcome RunInMemory(ReadOnlySpan<byte> data)
    {
        var processor = new FileFlowProcessor(FlowOptions.Default, filter: null, observer: null);
        var error = ParseAll(data, processor);
        processor.Table.Flush();
        return Outcome(error, processor.Counters, processor.Table.Completed);
    }

    /// <summary>The engine's <see cref="CaptureFileReader"/> with pipe segments of <paramref name="segmentSize"/> bytes.</summary>
    public static FuzzOutcome RunReader(byte[] data, int segmentSize)
    {
        var reader = new CaptureFileReader(() => new MemoryStream(data, writable: false), segmentSize);
        var processor = new FileFlowProcessor(FlowOptions.Default, filter: null, observer: null);
        var outcome = reader.ReadAsync(processor, _ => ValueTask.CompletedTask, CancellationToken.None).GetAwaiter().GetResult();
        CheckOffset(reader, data.Length, outcome);
        processor.Table.Flush();
        return Outcome(outcome == ReadOutcome.Error ? reader.Error ?? "error without a message" : null, processor.Counters, processor.Table.Completed);
    }

    /// <summary>The engine's sharded path (FileWorker with several shards), without the Dataflow blocks around it.</summary>
    public static FuzzOutcome RunSharded(byte[] data, int segmentSize)
    {
        var reader = new CaptureFileReader(() => new MemoryStream(data, writable: false), segmentSize);
        var processor = new ShardingProcessor(Shards, FlowOptions.Default.PayloadBytes, filter: null, observer: null);
        var tables = Enumerable.Range(0, Shards).Select(_ => new FlowTable(FlowOptions.Default)).ToArray();

        void Drain()
        {
            foreach (var (shard, batch) in processor.Ready)
            {
                var table = tables[shard];
                table.SetFileStart(batch.FileStartNs);
                for (var i = 0; i < batch.Count; i++)
                {
                    ref readonly var r = ref batch.Records[i];
                    table.Add(r.Packet, r.TimestampNs, r.WireLength, batch.Arena);
                }

                PacketBatch.Return(batch);
            }

            processor.Ready.Clear();
        }

        ReadOutcome outcome;
        try
        {
            outcome = reader.ReadAsync(
                processor,
                _ =>
                {
                    Drain();
                    return ValueTask.CompletedTask;
                },
                CancellationToken.None).GetAwaiter().GetResult();
            processor.FlushPartial();
            Drain();
        }
        finally
        {
            processor.Release();
        }

        CheckOffset(reader, data.Length, outcome);

        // Shards sweep on their own clocks, so flow splits may differ from the single table: counts only.
        return Outcome(outcome == ReadOutcome.Error ? reader.Error ?? "error without a message" : null, processor.Counters, flows: null);
    }

    private static string? ParseAll(ReadOnlySpan<byte> data, FileFlowProcessor handler)
    {
        var sniff = data[..Math.Min(data.Length, CaptureFormat.SniffLength)];
        if (!CaptureFormat.TryCreate(sniff, out var parser, out var headerLength, out var error))
        {
            return error ?? "format rejected without a message";
        }

        var rest = data[headerLength..];
        while (!rest.IsEmpty)
        {
            var status = parser!.TryRead(rest, out var record, out var used);
            switch (status)
            {
                case ReadStatus.NeedMoreData:
                    return "file truncated";
                case ReadStatus.Error:
                    return parser.Error ?? "parser error without a message";
            }

            // Termination and bounds: every consumed record advances, and a packet lies inside its own record.
            if (used <= 0 || used > rest.Length)
            {
                throw new InvalidOperationException($"parser returned {status} with consumed={used} of {rest.Length}");
            }

            if (status == ReadStatus.Packet)
            {
                if (record.DataOffset < 0 || record.CapturedLength < 0 || record.DataOffset + record.CapturedLength > used)
                {
                    throw new InvalidOperationException($"packet [{record.DataOffset}, +{record.CapturedLength}) lies outside its record of {used} bytes");
                }

                handler.OnPacket(record, rest.Slice(record.DataOffset, record.CapturedLength));
            }
            else if (status == ReadStatus.BadRecord)
            {
                handler.OnBadRecord(record, parser.Error);
            }

            rest = rest[used..];
        }

        return null;
    }

    private static void CheckOffset(CaptureFileReader reader, long length, ReadOutcome outcome)
    {
        if (outcome == ReadOutcome.Done && reader.Offset != length)
        {
            throw new InvalidOperationException($"reader finished at offset {reader.Offset} of {length} bytes");
        }

        if (outcome == ReadOutcome.Continue)
        {
            throw new InvalidOperationException("reader returned Continue as its final outcome");
        }
    }

    private static FuzzOutcome Outcome(string? error, PacketCounters counters, List<Flow>? flows)
    {
        var counts = new long[StatusCount];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = counters[(DecodeStatus)i];
        }

        if (counts.Sum() != counters.Packets)
        {
            throw new InvalidOperationException($"counters do not add up: {counts.Sum()} by status, {counters.Packets} packets");
        }

        long flowPackets = 0;
        foreach (var flow in flows ?? [])
        {
            flowPackets += flow.SourcePackets + flow.DestinationPackets;
        }

        if (flows is not null && flowPackets != counters.Decoded)
        {
            throw new InvalidOperationException($"flows hold {flowPackets} packets, {counters.Decoded} were decoded");
        }

        return new FuzzOutcome(error, counts, flows?.Count ?? -1, flowPackets);
    }
}
