using BotCapturer.Decode;
using BotCapturer.Flows;

namespace BotCapturer.CPlane;

/// <summary>BotMiner §4.1.1's traffic filters, applied to each flow before it joins a C-flow.</summary>
public static class CFlowFilter
{
    private static readonly CidrSet NonRoutable = CidrSet.NonRoutable;

    public static FlowVerdict Check(Flow flow, CPlaneOptions options)
    {
        if (!options.KeepSinglePacket && flow.TotalPackets <= 1)
        {
            return FlowVerdict.SinglePacket;
        }

        // BotMiner §4.1.1: "filter out ... flows that are not completely established (only for TCP)": the source's
        // SYN and the destination's SYN+ACK must both have been seen. A flow whose handshake predates the capture is
        // dropped too: it cannot be told apart from a spoofed or half-open one.
        if (!options.KeepUnestablished && flow.Protocol == (byte)IpProtocol.Tcp
            && !((flow.SourceSentSyn || (flow.SourceFlags & TcpFlags.Syn) != 0)
                 && (flow.DestinationSentSynAck || (flow.DestinationFlags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack))))
        {
            return FlowVerdict.NotEstablished;
        }

        if (options.FilterInternal)
        {
            if (!options.Internal.Contains(flow.Source))
            {
                return FlowVerdict.StartedOutside;
            }

            if (options.Internal.Contains(flow.Destination))
            {
                return FlowVerdict.InternalToInternal;
            }

            if (NonRoutable.Contains(flow.Destination))
            {
                return FlowVerdict.LocalDestination;
            }
        }

        return options.Whitelist.Count > 0 && options.Whitelist.Contains(flow.Destination) ? FlowVerdict.Whitelisted : FlowVerdict.Kept;
    }
}
