namespace BotCapturer.Graph;

/// <summary>What an edge's weight counts between two hosts (DESIGN.md: packets by default).</summary>
public enum EdgeWeightKind
{
    /// <summary>Packets exchanged, both directions.</summary>
    Packets,

    /// <summary>Flows (connections) between the pair, whoever started them.</summary>
    Flows,

    /// <summary>Wire bytes exchanged, both directions.</summary>
    Bytes,
}
