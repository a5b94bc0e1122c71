namespace BotCapturer.Decode;

/// <summary>Mergeable packet counts: how many were read, decoded, and skipped for each reason.</summary>
public sealed class PacketCounters
{
    private readonly long[] _byStatus = new long[Enum.GetValues<DecodeStatus>().Length];

    /// <summary>Packet records read from captures (decoded + skipped).</summary>
    public long Packets { get; private set; }

    /// <summary>Bytes on the wire of all packet records.</summary>
    public long WireBytes { get; private set; }

    /// <summary>Packets that reached the flow builder.</summary>
    public long Decoded => _byStatus[(int)DecodeStatus.Ok];

    public long Skipped => Packets - Decoded;

    /// <summary>Decoded packets whose transport is not TCP, UDP or ICMP (kept as port-less flows).</summary>
    public long OtherProtocol { get; set; }

    public long this[DecodeStatus status] => _byStatus[(int)status];

    public void Count(DecodeStatus status, int wireLength)
    {
        Packets++;
        WireBytes += wireLength;
        _byStatus[(int)status]++;
    }

    public void Add(PacketCounters other)
    {
        Packets += other.Packets;
        WireBytes += other.WireBytes;
        OtherProtocol += other.OtherProtocol;
        for (var i = 0; i < _byStatus.Length; i++)
        {
            _byStatus[i] += other._byStatus[i];
        }
    }

    /// <summary>The skip reasons that occurred, with their counts.</summary>
    public IEnumerable<(DecodeStatus Reason, long Count)> SkipReasons()
    {
        for (var i = 1; i < _byStatus.Length; i++)
        {
            if (_byStatus[i] > 0)
            {
                yield return ((DecodeStatus)i, _byStatus[i]);
            }
        }
    }
}
