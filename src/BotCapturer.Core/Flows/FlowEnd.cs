namespace BotCapturer.Flows;

/// <summary>Why a flow record was closed.</summary>
public enum FlowEnd : byte
{
    /// <summary>Still open when the input ended (or a partial awaiting merge).</summary>
    EndOfInput = 0,
    /// <summary>Both sides sent FIN.</summary>
    Fin,
    /// <summary>One side sent RST.</summary>
    Reset,
    /// <summary>No packet for longer than the protocol's idle timeout.</summary>
    Idle,
    /// <summary>A new SYN reused the 5-tuple of a closed connection.</summary>
    Reused,
}
