using BotCapturer.Decode;

namespace BotCapturer.Flows;

/// <summary>Zeek's conn_state codes (base/protocols/conn/main.zeek), computed from what a flow saw.</summary>
public static class ConnState
{
    public static string Of(Flow flow)
    {
        if (flow.Protocol != (byte)IpProtocol.Tcp)
        {
            return flow.DestinationPackets > 0 ? "SF" : "S0";
        }

        var srcRst = (flow.SourceFlags & TcpFlags.Rst) != 0;
        var dstRst = (flow.DestinationFlags & TcpFlags.Rst) != 0;
        var srcFin = (flow.SourceFlags & TcpFlags.Fin) != 0;
        var dstFin = (flow.DestinationFlags & TcpFlags.Fin) != 0;
        var syn = flow.SourceSentSyn;
        var synAck = flow.DestinationSentSynAck;

        if (syn && !synAck)
        {
            if (dstRst)
            {
                return "REJ";
            }

            if (srcRst)
            {
                return "RSTOS0";
            }

            return srcFin ? "SH" : "S0";
        }

        if (!syn && synAck)
        {
            if (dstRst)
            {
                return "RSTRH";
            }

            return dstFin ? "SHR" : "OTH";
        }

        if (!syn)
        {
            return "OTH";
        }

        if (srcRst)
        {
            return "RSTO";
        }

        if (dstRst)
        {
            return "RSTR";
        }

        return (srcFin, dstFin) switch
        {
            (true, true) => "SF",
            (true, false) => "S2",
            (false, true) => "S3",
            _ => "S1",
        };
    }
}
