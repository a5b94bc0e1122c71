using BotCapturer.Decode;

namespace BotCapturer.Fuzz;

/// <summary>What one run of the harness loop over a capture produced: enough to compare two ways of reading the same bytes.</summary>
/// <param name="Error">The clean read error, or null when the whole input was read.</param>
/// <param name="Counts">Packets per <see cref="DecodeStatus"/> (bad records included).</param>
/// <param name="Flows">Flows completed after the final flush (-1 when not compared, for the sharded path).</param>
/// <param name="FlowPackets">Packets summed over those flows.</param>
public sealed record FuzzOutcome(string? Error, long[] Counts, long Flows, long FlowPackets)
{
    /// <summary>Packets the parser handed out, bad records included.</summary>
    public long Packets => Counts.Sum();

    /// <summary>True when both runs saw the same records, decoded them the same way and (when both know) built the same flows.</summary>
    public bool Agrees(FuzzOutcome other) =>
        (Error is null) == (other.Error is null)
        && Counts.AsSpan().SequenceEqual(other.Counts)
        && (Flows < 0 || other.Flows < 0 || (Flows == other.Flows && FlowPackets == other.FlowPackets));

    /// <inheritdoc />
    public override string ToString() =>
        $"error={Error ?? "none"} packets={Packets} decoded={Counts[(int)DecodeStatus.Ok]} bad={Counts[(int)DecodeStatus.BadRecord]} flows={Flows} flowPackets={FlowPackets}";
}
