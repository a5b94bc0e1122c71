using System.Diagnostics;
using System.Threading.Tasks.Dataflow;
using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Engine.Reading;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Pipeline;

/// <summary>
/// The Dataflow graph of DESIGN.md up to the flow sinks:
/// <code>
/// files ─► read+decode+flow-build (one worker per file, Threads at once) ─► merge (file-boundary partials) ─► fan-out ─► sinks
/// </code>
/// Batches of flows cross the blocks; every block is bounded, so a slow sink slows the readers rather than filling
/// memory. A fault anywhere cancels the run and surfaces with the file it came from.
/// </summary>
public sealed class FlowPipeline
{
    private readonly PipelineOptions _options;

    public FlowPipeline(PipelineOptions options) => _options = options;

    /// <summary>Live counters; safe to read from another thread while the pipeline runs.</summary>
    public ProgressCounters Progress { get; } = new();

    /// <summary>Called for every decoded packet of every file (from the file's worker thread); for raw packet storage.</summary>
    public Func<string, Action<CaptureRecord, DecodedPacket>>? PacketObserverFactory { get; init; }

    /// <summary>
    /// Creates a per-file sink (a transactional store) for a file path; each file's worker feeds its own sink from its
    /// own thread, so files are stored in parallel and a slow store slows the reader that feeds it. Flows still go on
    /// to the shared sinks as well.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<IFileFlowSink>>? FileSinkFactory { get; init; }

    public async Task<PipelineResult> RunAsync(IReadOnlyList<string> files, IReadOnlyList<IFlowSink> sinks, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        Progress.FilesTotal = files.Count;
        Progress.BytesTotal = files.Sum(static f => f == "-" ? 0 : new FileInfo(f).Length);

        // Compile the filter up front: a bad expression or a missing libpcap is one error, before any work.
        if (_options.Filter is not null)
        {
            PacketFilter.Create(_options.Filter).Dispose();
        }

        var results = new FileResult[files.Count];
        // Fewer files than cores: shard each file's flow table so one large file still uses every core.
        var shards = _options.ShardsPerFile ?? Math.Max(1, _options.Threads / Math.Max(1, Math.Min(files.Count, _options.Threads)));
        var merger = files.Count > 1 && _options.MergeAcrossFiles ? new FlowMerger(_options.Flows) : null;
        long flowCount = 0;
        // Sinks that keep no flow, and no per-file store: a batch is done with once every sink consumed it, and its flow
        // objects go back to the flow tables (the merger keeps what it holds out of the batches it passes on).
        var recycler = sinks.Count > 0 && sinks.All(static s => !s.KeepsFlows) && FileSinkFactory is null ? new FlowRecycler() : null;

        var sinkBlocks = sinks.Select(sink => new ActionBlock<SharedBatch>(
            async shared =>
            {
                await sink.ConsumeAsync(shared.Flows, token);
                if (recycler is not null && shared.Release())
                {
                    recycler.Return(shared.Flows);
                }
            },
            new ExecutionDataflowBlockOptions { BoundedCapacity = _options.BoundedCapacity, MaxDegreeOfParallelism = 1, CancellationToken = token })).ToArray();

        async Task FanOutAsync(IReadOnlyList<Flow> batch)
        {
            Interlocked.Add(ref flowCount, batch.Count);
            Progress.AddFlows(batch.Count);
            var shared = new SharedBatch(batch, sinkBlocks.Length);
            foreach (var block in sinkBlocks)
            {
                if (!await block.SendAsync(shared, token))
                {
                    await block.Completion; // rethrows the sink's fault
                    throw new OperationCanceledException(token);
                }
            }
        }

        var mergeBlock = new ActionBlock<List<Flow>>(
            async batch =>
            {
                if (merger is not null)
                {
                    batch.RemoveAll(flow => !merger.Offer(flow));
                }

                if (batch.Count > 0)
                {
                    await FanOutAsync(batch);
                }
            },
            new ExecutionDataflowBlockOptions { BoundedCapacity = _options.BoundedCapacity, MaxDegreeOfParallelism = 1, CancellationToken = token });

        var fileBlock = new ActionBlock<int>(
            async index =>
            {
                results[index] = await ProcessFileAsync(files[index], shards, mergeBlock, recycler, token);
                Progress.FileDone();
                if (results[index].Error is not null && _options.Strict)
                {
                    await cts.CancelAsync();
                }
            },
            new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Threads), CancellationToken = token });

        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                fileBlock.Post(i);
            }

            fileBlock.Complete();
            await fileBlock.Completion;
            mergeBlock.Complete();
            await mergeBlock.Completion;
            if (merger is not null)
            {
                var held = merger.Complete();
                for (var i = 0; i < held.Count; i += _options.BatchSize)
                {
                    await FanOutAsync(held.GetRange(i, Math.Min(_options.BatchSize, held.Count - i)));
                }
            }

            foreach (var block in sinkBlocks)
            {
                block.Complete();
            }

            await Task.WhenAll(sinkBlocks.Select(b => b.Completion));
            if (_options.CollectAfterStream)
            {
                GC.Collect();
            }

            // The sinks are independent and each ends on its own (a writer flushes, the A-plane runs its detectors'
            // final passes): end them at the same time. Each sink still sees one call at a time.
            await Task.WhenAll(sinks.Select(sink => Task.Run(() => sink.CompleteAsync(token).AsTask(), token)));
        }
        catch (Exception) when (token.IsCancellationRequested && !cancellationToken.IsCancellationRequested && _options.Strict)
        {
            // --strict stopped the run at the first bad file; the results say which.
        }
        catch
        {
            await cts.CancelAsync();
            // Surface a sink's own fault rather than the cancellation it caused elsewhere.
            var faulted = sinkBlocks.FirstOrDefault(b => b.Completion.IsFaulted);
            if (faulted is not null)
            {
                await faulted.Completion;
            }

            throw;
        }

        var total = new PacketCounters();
        long filtered = 0;
        var done = results.Where(r => r is not null).ToArray();
        foreach (var r in done)
        {
            total.Add(r.Counters);
            filtered += r.Filtered;
        }

        return new PipelineResult(done, total, flowCount, filtered, stopwatch.Elapsed);
    }

    private async Task<FileResult> ProcessFileAsync(string path, int shards, ITargetBlock<List<Flow>> output, FlowRecycler? recycler, CancellationToken cancellationToken)
    {
        await using var fileSink = FileSinkFactory is null ? null : await FileSinkFactory(path, cancellationToken);
        var worker = new FileWorker(_options, Progress, output, fileSink, recycler);
        // Sharding pays for its copies only on large files; small ones keep file order in their output too. A
        // per-file sink takes its file's rows in order from one thread, so its files are not sharded.
        if (fileSink is not null || (_options.ShardsPerFile is null && (path == "-" || new FileInfo(path).Length < _options.MinShardedFileBytes)))
        {
            shards = 1;
        }

        var result = await worker.RunAsync(path, shards, fileSink?.PacketObserver ?? PacketObserverFactory?.Invoke(path), cancellationToken);
        result = result.Error is null && UnsupportedLinkTypeError(path, result.Counters) is { } linkError ? result with { Error = linkError } : result;
        if (fileSink is not null)
        {
            await fileSink.CompleteAsync(result, cancellationToken);
        }

        return result;
    }

    private static string? UnsupportedLinkTypeError(string path, PacketCounters counters)
    {
        if (counters.Packets == 0 || counters[DecodeStatus.UnsupportedLinkType] != counters.Packets)
        {
            return null;
        }

        // Name the link type when the file has a single one (pcap, or pcapng with one interface type).
        return TryReadPcapLinkType(path) is { } linkType && !PacketDecoder.IsSupported(linkType)
            ? $"unsupported link type {(int)linkType}"
            : "unsupported link type on every interface";
    }

    private static LinkType? TryReadPcapLinkType(string path)
    {
        if (path == "-")
        {
            return null;
        }

        Span<byte> header = stackalloc byte[PcapParser.FileHeaderLength];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && PcapParser.TryCreate(header, out var pcap, out _)
            ? pcap!.LinkType
            : null;
    }
}
