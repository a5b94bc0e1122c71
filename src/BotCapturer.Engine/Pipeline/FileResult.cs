using BotCapturer.Decode;

namespace BotCapturer.Engine.Pipeline;

/// <summary>What happened to one capture file.</summary>
public sealed record FileResult(string Path, long Bytes, PacketCounters Counters, long Flows, long Filtered, string? Error);

/// <summary>What happened to a whole run.</summary>
public sealed record PipelineResult(IReadOnlyList<FileResult> Files, PacketCounters Counters, long Flows, long Filtered, TimeSpan Elapsed)
{
    public IEnumerable<FileResult> Failed => Files.Where(f => f.Error is not null);
}
