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
            list.Sort(CompareForMerge);
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

    /// <summary>
    /// A total order of a key's partials: by start time, then by everything else a flow carries. The partials arrive in
    /// the order the files finished, which with several threads differs from run to run; ordered by start time alone,
    /// partials that start at the same moment (the same broadcast in two captures, say) were merged in arrival order,
    /// so two runs of the same input could merge differently. Partials equal in every field are interchangeable.
    /// </summary>
    internal static int CompareForMerge(Flow x, Flow y)
    {
        var c = x.StartNs.CompareTo(y.StartNs);
        c = c != 0 ? c : x.EndNs.CompareTo(y.EndNs);
        c = c != 0 ? c : x.SourceIsA.CompareTo(y.SourceIsA);
        c = c != 0 ? c : x.SourcePackets.CompareTo(y.SourcePackets);
        c = c != 0 ? c : x.DestinationPackets.CompareTo(y.DestinationPackets);
        c = c != 0 ? c : x.SourceBytes.CompareTo(y.SourceBytes);
        c = c != 0 ? c : x.DestinationBytes.CompareTo(y.DestinationBytes);
        c = c != 0 ? c : x.SourcePayloadBytes.CompareTo(y.SourcePayloadBytes);
        c = c != 0 ? c : x.DestinationPayloadBytes.CompareTo(y.DestinationPayloadBytes);
        c = c != 0 ? c : x.SourceIpBytes.CompareTo(y.SourceIpBytes);
        c = c != 0 ? c : x.DestinationIpBytes.CompareTo(y.DestinationIpBytes);
        c = c != 0 ? c : ((byte)x.SourceFlags).CompareTo((byte)y.SourceFlags);
        c = c != 0 ? c : ((byte)x.DestinationFlags).CompareTo((byte)y.DestinationFlags);
        c = c != 0 ? c : x.SourceSentSyn.CompareTo(y.SourceSentSyn);
        c = c != 0 ? c : x.DestinationSentSynAck.CompareTo(y.DestinationSentSynAck);
        c = c != 0 ? c : x.MayContinueEarlier.CompareTo(y.MayContinueEarlier);
        c = c != 0 ? c : x.MayContinueLater.CompareTo(y.MayContinueLater);
        c = c != 0 ? c : x.End.CompareTo(y.End);
        c = c != 0 ? c : x.SourcePayloadPrefix.SequenceCompareTo(y.SourcePayloadPrefix);
        return c != 0 ? c : x.DestinationPayloadPrefix.SequenceCompareTo(y.DestinationPayloadPrefix);
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
