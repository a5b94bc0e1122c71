using System.Threading.Tasks.Dataflow;
using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Engine.Reading;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Pipeline;

/// <summary>
/// Reads one capture file into flows and sends them on in batches. With one shard, decode and flow building share
/// the reader's thread and payload prefixes go straight from the read buffer into flows. With several shards (when
/// there are fewer files than cores), the reader decodes and routes packets by key hash to shards, each a flow table
/// in a block of its own, so one large file uses every core.
/// </summary>
internal sealed class FileWorker
{
    private readonly PipelineOptions _options;
    private readonly ProgressCounters _progress;
    private readonly ITargetBlock<List<Flow>> _output;
    private readonly IFileFlowSink? _fileSink;
    private readonly FlowRecycler? _recycler;
    private long _flows;

    /// <summary>
    /// With a <paramref name="fileSink"/>, every batch goes to it before it goes on; run it unsharded (one shard). With a
    /// <paramref name="recycler"/>, the flow tables reuse the flows that come back through it.
    /// </summary>
    public FileWorker(PipelineOptions options, ProgressCounters progress, ITargetBlock<List<Flow>> output, IFileFlowSink? fileSink = null, FlowRecycler? recycler = null)
    {
        _recycler = recycler;
        _options = options;
        _progress = progress;
        _output = output;
        _fileSink = fileSink;
    }

    public async Task<FileResult> RunAsync(string path, int shards, Action<CaptureRecord, DecodedPacket>? observer, CancellationToken cancellationToken)
    {
        using var filter = _options.Filter is null ? null : PacketFilter.Create(_options.Filter);
        var reader = new CaptureFileReader(path);
        return shards <= 1
            ? await RunSingleAsync(reader, path, filter, observer, cancellationToken)
            : await RunShardedAsync(reader, path, shards, filter, observer, cancellationToken);
    }

    private async Task<FileResult> RunSingleAsync(CaptureFileReader reader, string path, PacketFilter? filter, Action<CaptureRecord, DecodedPacket>? observer, CancellationToken cancellationToken)
    {
        var processor = new FileFlowProcessor(_options.Flows, filter, observer, _recycler);
        var progress = new ProgressTracker(_progress, reader, () => processor.Counters.Packets);
        var error = await ReadAsync(reader, processor, ct =>
        {
            progress.Report();
            return _fileSink is null ? SendCompletedAsync(processor.Table, all: false, ct) : ChunkReadAsync(processor.Table, ct);
        }, cancellationToken);
        processor.Table.Flush();
        await SendCompletedAsync(processor.Table, all: true, cancellationToken);
        return new FileResult(path, reader.Offset, processor.Counters, _flows, processor.Filtered, error);
    }

    private async Task<FileResult> RunShardedAsync(CaptureFileReader reader, string path, int shards, PacketFilter? filter, Action<CaptureRecord, DecodedPacket>? observer, CancellationToken cancellationToken)
    {
        var processor = new ShardingProcessor(shards, _options.Flows.PayloadBytes, filter, observer);
        var tables = Enumerable.Range(0, shards).Select(_ => new FlowTable(_options.Flows) { Recycler = _recycler }).ToArray();
        var blocks = tables.Select(table => new ActionBlock<PacketBatch>(
            async batch =>
            {
                table.SetFileStart(batch.FileStartNs);
                table.AddBatch(batch.Records.AsSpan(0, batch.Count), batch.Arena);
                PacketBatch.Return(batch);
                await SendCompletedAsync(table, all: false, cancellationToken);
            },
            new ExecutionDataflowBlockOptions { BoundedCapacity = 4, MaxDegreeOfParallelism = 1, CancellationToken = cancellationToken })).ToArray();

        async ValueTask SendReadyAsync(CancellationToken ct)
        {
            foreach (var (shard, batch) in processor.Ready)
            {
                if (!await blocks[shard].SendAsync(batch, ct))
                {
                    await blocks[shard].Completion; // rethrows the shard's fault
                    throw new OperationCanceledException(ct);
                }
            }

            processor.Ready.Clear();
        }

        var progress = new ProgressTracker(_progress, reader, () => processor.Counters.Packets);
        string? error;
        try
        {
            error = await ReadAsync(reader, processor, ct =>
            {
                progress.Report();
                return SendReadyAsync(ct);
            }, cancellationToken);
            processor.FlushPartial();
            await SendReadyAsync(cancellationToken);
        }
        finally
        {
            foreach (var block in blocks)
            {
                block.Complete();
            }

            processor.Release();
        }

        await Task.WhenAll(blocks.Select(b => b.Completion));
        foreach (var table in tables)
        {
            table.Flush();
            await SendCompletedAsync(table, all: true, cancellationToken);
        }

        return new FileResult(path, reader.Offset, processor.Counters, _flows, processor.Filtered, error);
    }

    private async ValueTask ChunkReadAsync(FlowTable table, CancellationToken cancellationToken)
    {
        await _fileSink!.ChunkReadAsync(cancellationToken);
        await SendCompletedAsync(table, all: false, cancellationToken);
    }

    private static async Task<string?> ReadAsync<THandler>(CaptureFileReader reader, THandler handler, Func<CancellationToken, ValueTask> afterChunk, CancellationToken cancellationToken)
        where THandler : IRecordHandler
    {
        try
        {
            var outcome = await reader.ReadAsync(handler, afterChunk, cancellationToken);
            return outcome == ReadOutcome.Error ? reader.Error : null;
        }
        catch (IOException e)
        {
            return e.Message;
        }
        catch (UnauthorizedAccessException e)
        {
            return e.Message;
        }
    }

    private async ValueTask SendCompletedAsync(FlowTable table, bool all, CancellationToken cancellationToken)
    {
        // Batches are cut from the front and the list shortened once: a sweep can end a hundred thousand flows at once.
        var completed = table.Completed;
        var taken = 0;
        while (completed.Count - taken >= _options.BatchSize || (all && completed.Count > taken))
        {
            var n = Math.Min(_options.BatchSize, completed.Count - taken);
            var batch = completed.GetRange(taken, n);
            taken += n;
            Interlocked.Add(ref _flows, n);
            if (_fileSink is not null)
            {
                await _fileSink.ConsumeAsync(batch, cancellationToken);
            }

            if (!await _output.SendAsync(batch, cancellationToken))
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        completed.RemoveRange(0, taken);
    }

    /// <summary>Adds what a file's reader did since the last report to the run's live counters.</summary>
    private sealed class ProgressTracker(ProgressCounters counters, CaptureFileReader reader, Func<long> packets)
    {
        private long _bytes;
        private long _packets;

        public void Report()
        {
            counters.AddBytes(reader.Offset - _bytes);
            _bytes = reader.Offset;
            var now = packets();
            counters.AddPackets(now - _packets);
            _packets = now;
        }
    }
}
