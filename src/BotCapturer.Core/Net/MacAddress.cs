using System.Buffers.Binary;
using System.Globalization;

namespace BotCapturer.Net;

/// <summary>A 48-bit IEEE 802 MAC address held in the low bits of an integer.</summary>
/// <param name="Value">The address; bits above 48 are ignored.</param>
public readonly record struct MacAddress(ulong Value)
{
    /// <summary>Writes the six address bytes, most significant first (IEEE 802-2014 §8.1).</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(Value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)Value);
    }

    /// <summary>A locally administered unicast address (IEEE 802 U/L bit set, I/G bit clear) with the given low 40 bits.</summary>
    public static MacAddress LocallyAdministered(ulong low40) => new(0x02_00_00_00_00_00UL | (low40 & 0xFF_FFFF_FFFFUL));

    /// <summary>An address under the given 24-bit organisationally unique identifier.</summary>
    public static MacAddress FromOui(uint oui, uint nic) => new(((ulong)(oui & 0xFF_FFFF) << 24) | (nic & 0xFF_FFFF));

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        WriteTo(b);
        return string.Create(CultureInfo.InvariantCulture, $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}");
    }
}
