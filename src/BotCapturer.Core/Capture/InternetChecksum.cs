using System.Buffers.Binary;

namespace BotCapturer.Capture;

/// <summary>The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words.</summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running 32-bit sum (an odd last byte is padded with zero, RFC 1071 §4.1).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        ulong acc = sum;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            acc += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }

        for (; i + 2 <= data.Length; i += 2)
        {
            acc += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            acc += (uint)data[i] << 8;
        }

        // fold 64 -> 32 bits; end-around carry keeps the ones' complement sum (RFC 1071 §2(B))
        while (acc >> 32 != 0)
        {
            acc = (acc & 0xFFFF_FFFF) + (acc >> 32);
        }

        return (uint)acc;
    }

    /// <summary>Folds a running sum to 16 bits and complements it.</summary>
    public static ushort Finish(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>The checksum of one buffer.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>The sum of the IPv4 pseudo-header used by TCP and UDP (RFC 9293 §3.1, RFC 768).</summary>
    public static uint PseudoHeaderIPv4(uint source, uint destination, byte protocol, int length)
    {
        ulong sum = (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF) + protocol + (uint)length;
        return (uint)((sum & 0xFFFF_FFFF) + (sum >> 32));
    }
}
