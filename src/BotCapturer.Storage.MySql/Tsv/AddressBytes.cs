using System.Buffers.Binary;
using BotCapturer.Net;

namespace BotCapturer.Storage.MySql.Tsv;

/// <summary>
/// The stored form of a <see cref="HostAddress"/>, the one MySQL's <c>INET6_ATON</c> produces: 4 bytes for IPv4
/// (and IPv4-mapped) addresses, 16 bytes for IPv6, network byte order. <c>INET6_NTOA</c> prints both. The short IPv4
/// form saves 12 bytes (10 of them escaped zeros) per address in every bulk-loaded row.
/// </summary>
internal static class AddressBytes
{
    public const int MaxLength = 16;

    /// <summary>Writes the address; returns its length (4 or 16).</summary>
    public static int Write(HostAddress address, Span<byte> destination)
    {
        if (address.IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, address.IPv4Value);
            return 4;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, address.High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], address.Low);
        return 16;
    }

    public static byte[] ToArray(HostAddress address)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return buffer[..Write(address, buffer)].ToArray();
    }

    public static HostAddress Read(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => HostAddress.FromIPv4(bytes),
        16 => HostAddress.FromIPv6(bytes),
        _ => throw new InvalidDataException($"a stored address has {bytes.Length} bytes, not 4 or 16"),
    };
}
