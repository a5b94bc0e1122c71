using System.Buffers.Binary;
using BotCapturer.Net;

namespace BotCapturer.Storage.MySql.Tsv;

/// <summary>The stored form of a <see cref="HostAddress"/>: 16 bytes, <see cref="HostAddress.High"/> then <see cref="HostAddress.Low"/>, big-endian.</summary>
internal static class AddressBytes
{
    public const int Length = 16;

    public static void Write(HostAddress address, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, address.High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], address.Low);
    }

    public static byte[] ToArray(HostAddress address)
    {
        var bytes = new byte[Length];
        Write(address, bytes);
        return bytes;
    }

    public static HostAddress Read(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length
            ? new HostAddress(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]))
            : throw new InvalidDataException($"a stored address has {bytes.Length} bytes, not {Length}");
}
