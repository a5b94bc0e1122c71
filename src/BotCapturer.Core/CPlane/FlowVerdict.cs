namespace BotCapturer.CPlane;

/// <summary>What the C-plane filters decided about one flow (BotMiner §4.1.1).</summary>
public enum FlowVerdict
{
    Kept,
    SinglePacket,
    NotEstablished,
    InternalToInternal,
    StartedOutside,
    LocalDestination,
    Whitelisted,
}
