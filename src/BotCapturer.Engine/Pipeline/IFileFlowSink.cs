using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Pipeline;

/// <summary>
/// A consumer of one capture file's flows (and, if it asks, packets), such as a transactional store that commits a
/// file as a whole. The file's worker creates it through <see cref="FlowPipeline.FileSinkFactory"/> before reading the
/// file and calls it from that worker only, in order: packets and batches while reading, then
/// <see cref="CompleteAsync"/> once the file is read. A sink disposed without <see cref="CompleteAsync"/> having
/// returned (a fault or a cancellation anywhere in the run) must discard what it received.
/// It sees the file's own flows before any cross-file merge: partials carry <see cref="Flow.MayContinueEarlier"/>
/// and <see cref="Flow.MayContinueLater"/>, and a reader can join them later with <see cref="FlowMerger"/>.
/// </summary>
public interface IFileFlowSink : IAsyncDisposable
{
    /// <summary>Called for every decoded packet of the file in the reader's loop (synchronously); null to see no packets.</summary>
    Action<CaptureRecord, DecodedPacket>? PacketObserver { get; }

    /// <summary>A batch of the file's finished flows; shared with other sinks and must not be changed.</summary>
    ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken);

    /// <summary>Called after each chunk of records was read (every packet in it observed): the place to flush buffered
    /// packets and feel back-pressure.</summary>
    ValueTask ChunkReadAsync(CancellationToken cancellationToken);

    /// <summary>The file is read and all its flows were consumed; <paramref name="result"/> says how reading went.</summary>
    ValueTask CompleteAsync(FileResult result, CancellationToken cancellationToken);
}
