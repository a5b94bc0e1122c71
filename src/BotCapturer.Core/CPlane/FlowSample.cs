namespace BotCapturer.CPlane;

/// <summary>
/// The per-flow values a C-flow keeps until quantization (BotMiner §4.1.2 features): 24 bytes a flow. Quantization
/// needs percentiles over every flow of the analysis, so the values stay until all flows are in.
/// </summary>
public readonly record struct FlowSample(long StartNs, float PacketsPerFlow, float BytesPerPacket, float BytesPerSecond)
{
    /// <summary>
    /// Shortest duration a flow is taken to last when computing bps. Two or more packets with the same timestamp
    /// would otherwise give an infinite rate. NetFlow v5 (and IPFIX's flowStart/EndMilliseconds, RFC 7011/5102)
    /// record flow times in milliseconds, so a duration under 1 ms is below what flow records commonly resolve.
    /// </summary>
    public const long MinDurationNs = 1_000_000;

    /// <summary>Computes the features of a flow: ppf = packets, bpp = bytes / packets, bps = bytes / max(duration, 1 ms).</summary>
    public static FlowSample From(long startNs, long durationNs, long packets, long bytes)
    {
        var seconds = Math.Max(durationNs, MinDurationNs) / 1e9;
        return new FlowSample(startNs, packets, packets > 0 ? (float)((double)bytes / packets) : 0f, (float)(bytes / seconds));
    }

    /// <summary>Orders by start, then by the feature values: a total order, so merged partials sort identically.</summary>
    public static int Compare(FlowSample x, FlowSample y)
    {
        var other = y;
        var c = x.StartNs.CompareTo(other.StartNs);
        if (c != 0)
        {
            return c;
        }

        c = x.PacketsPerFlow.CompareTo(other.PacketsPerFlow);
        if (c != 0)
        {
            return c;
        }

        c = x.BytesPerPacket.CompareTo(other.BytesPerPacket);
        return c != 0 ? c : x.BytesPerSecond.CompareTo(other.BytesPerSecond);
    }
}
