using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Reading;

/// <summary>
/// The per-file worker's record handler: filter, decode and add to the file's flow table, all on the span the
/// reader hands out. Decode and flow building share a worker so that payload prefixes are copied only once,
/// from the reader's buffer straight into the flow.
/// </summary>
internal sealed class FileFlowProcessor(FlowOptions options, PacketFilter? filter, Action<CaptureRecord, DecodedPacket>? observer, FlowRecycler? recycler = null) : IRecordHandler
{
    private readonly PacketIntake _intake = new(filter, observer);

    public FlowTable Table { get; } = new(options) { Recycler = recycler };

    public PacketCounters Counters => _intake.Counters;

    public long Filtered => _intake.Filtered;

    public void OnPacket(in CaptureRecord record, ReadOnlySpan<byte> frame)
    {
        if (_intake.TryTake(record, frame, out var packet))
        {
            Table.Add(packet, record.TimestampNs, record.OriginalLength, frame);
        }
    }

    public void OnBadRecord(in CaptureRecord record, string? reason) => _intake.CountBadRecord(record);
}
