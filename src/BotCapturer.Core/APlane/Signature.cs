using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace BotCapturer.APlane;

/// <summary>
/// One payload signature: a regular expression over a flow's payload prefix, read as Latin-1 so that every byte is one
/// character (binary bytes are written <c>\xNN</c>).
/// </summary>
/// <param name="Name">Unique name; the A-cluster key of its matches.</param>
/// <param name="Family">Malware family or tool.</param>
/// <param name="Protocol">IP protocol number, or null for any.</param>
/// <param name="Ports">Destination ports the flow must have; empty for any.</param>
/// <param name="Direction">Which payload prefix is read.</param>
/// <param name="Pattern">The compiled expression.</param>
/// <param name="Weight">BotMiner's w(A) ≥ 1 for its A-cluster.</param>
/// <param name="HostIsDestination">The activity belongs to the flow's responder rather than its initiator.</param>
/// <param name="Source">Where the pattern comes from.</param>
public sealed record Signature(
    string Name,
    string Family,
    byte? Protocol,
    FrozenSet<ushort> Ports,
    SignatureDirection Direction,
    Regex Pattern,
    double Weight,
    bool HostIsDestination,
    string Source);
