namespace BotCapturer.Storage.MySql;

/// <summary>
/// One row of <c>botengine status</c>: a stored group and its totals. <c>Flows</c> counts flows after joining the
/// partials that file boundaries cut (what <c>botengine flows</c> counts); <c>FlowRows</c> counts rows in the
/// <c>flows</c> table; times of traffic are nanoseconds since the Unix epoch; <c>Analysed</c> is null until a run stored results.
/// </summary>
public sealed record GroupSummary(
    long Id, string Name, string? Note, DateTime Created, long? FirstPacketNs, long? LastPacketNs,
    int Files, long Packets, long Bytes, long Flows, long FlowRows, long PacketRows, long CFlows, DateTime? Analysed);
