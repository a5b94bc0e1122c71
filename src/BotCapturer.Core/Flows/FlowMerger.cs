namespace BotCapturer.Flows;

/// <summary>
/// Joins flow partials that were cut by capture-file boundaries (DESIGN.md: "flow partials from different files
/// merge"). Files may be processed in any order on any worker: a flow that may continue in a later file or may have
/// begun in an earlier one is held until every file is done, then joined with its neighbours of the same key
/// whose gap is within the idle timeout. Every other flow passes straight through.
/// </summary>
public sealed class FlowMerger
{
    private readonly FlowOptions _options;
    private readonly Dictionary<FlowKey, List<Flow>> _held = [];

    public FlowMerger(FlowOptions? options = null) => _options = options ?? FlowOptions.Default;

    /// <summary>Flows currently held for a possible merge.</summary>
    public int HeldCount { get; private set; }

    /// <summary>Returns true when the flow is complete and can be passed on now; otherwise it is held.</summary>
    public bool Offer(Flow flow)
    {
        if (!flow.MayContinueEarlier && !flow.MayContinueLater)
        {
            return true;
        }

        if (!_held.TryGetValue(flow.Key, out var list))
        {
            _held[flow.Key] = list = new List<Flow>(2);
        }

        list.Add(flow);
        HeldCount++;
        return false;
    }

    /// <summary>Merges what was held and returns the resulting flows (in no particular order).</summary>
    public List<Flow> Complete()
    {
        var result = new List<Flow>(HeldCount);
        foreach (var (key, list) in _held)
        {
            list.Sort(static (x, y) => x.StartNs.CompareTo(y.StartNs));
            var current = list[0];
            for (var i = 1; i < list.Count; i++)
            {
                var next = list[i];
                if (current.MayContinueLater && next.MayContinueEarlier && next.StartNs - current.EndNs <= _options.TimeoutNs(key.Protocol))
                {
                    Absorb(current, next);
                }
                else
                {
                    result.Add(current);
                    current = next;
                }
            }

            result.Add(current);
        }

        _held.Clear();
        HeldCount = 0;
        return result;
    }

    private static void Absorb(Flow into, Flow later)
    {
        var sameOrientation = into.SourceIsA == later.SourceIsA;
        into.EndNs = Math.Max(into.EndNs, later.EndNs);
        var (sp, sb, spb, sf) = (later.SourcePackets, later.SourceBytes, later.SourcePayloadBytes, later.SourceFlags);
        var (dp, db, dpb, df) = (later.DestinationPackets, later.DestinationBytes, later.DestinationPayloadBytes, later.DestinationFlags);
        if (!sameOrientation)
        {
            (sp, sb, spb, sf, dp, db, dpb, df) = (dp, db, dpb, df, sp, sb, spb, sf);
        }

        var (sip, dip) = sameOrientation ? (later.SourceIpBytes, later.DestinationIpBytes) : (later.DestinationIpBytes, later.SourceIpBytes);
        into.SourceIpBytes += sip;
        into.DestinationIpBytes += dip;
        into.SourcePackets += sp;
        into.SourceBytes += sb;
        into.SourcePayloadBytes += spb;
        into.SourceFlags |= sf;
        into.DestinationPackets += dp;
        into.DestinationBytes += db;
        into.DestinationPayloadBytes += dpb;
        into.DestinationFlags |= df;
        into.SourceSentSyn |= sameOrientation ? later.SourceSentSyn : false;
        into.DestinationSentSynAck |= sameOrientation ? later.DestinationSentSynAck : false;
        if (into.SourcePayloadLength == 0)
        {
            (into.SourcePayload, into.SourcePayloadLength) = sameOrientation
                ? (later.SourcePayload, later.SourcePayloadLength)
                : (later.DestinationPayload, later.DestinationPayloadLength);
        }

        if (into.DestinationPayloadLength == 0)
        {
            (into.DestinationPayload, into.DestinationPayloadLength) = sameOrientation
                ? (later.DestinationPayload, later.DestinationPayloadLength)
                : (later.SourcePayload, later.SourcePayloadLength);
        }

        into.MayContinueLater = later.MayContinueLater;
        into.End = later.End;
    }
}
