namespace BotCapturer.CPlane;

/// <summary>BotMiner §4.1.2's four C-flow features, in the order their histograms sit in the 52-d vector.</summary>
public enum CFlowFeature
{
    /// <summary>Flows per window (hour by default) of the epoch.</summary>
    Fph,

    /// <summary>Packets per flow (both directions).</summary>
    Ppf,

    /// <summary>Bytes per packet (wire bytes, both directions).</summary>
    Bpp,

    /// <summary>Bytes per second of a flow.</summary>
    Bps,
}
