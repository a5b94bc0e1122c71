using System.Buffers.Binary;

namespace BotCapturer.Fuzz;

/// <summary>Appends integers in one byte order, and pcapng blocks with both length fields.</summary>
internal sealed class ByteWriter(bool bigEndian)
{
    private readonly List<byte> _bytes = [];

    public void U8(byte value) => _bytes.Add(value);

    public void U16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        }

        _bytes.AddRange(b);
    }

    public void U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        }

        _bytes.AddRange(b);
    }

    public void Bytes(ReadOnlySpan<byte> value) => _bytes.AddRange(value);

    /// <summary>Pads to a multiple of 4 bytes (pcapng §3.1).</summary>
    public void Pad()
    {
        while (_bytes.Count % 4 != 0)
        {
            _bytes.Add(0);
        }
    }

    /// <summary>A pcapng block (§3.1): type, total length, body, total length again.</summary>
    public void Block(uint type, Action<ByteWriter> body)
    {
        var inner = new ByteWriter(bigEndian);
        body(inner);
        inner.Pad();
        var length = (uint)(inner._bytes.Count + 12);
        U32(type);
        U32(length);
        _bytes.AddRange(inner._bytes);
        U32(length);
    }

    public byte[] ToArray() => [.. _bytes];
}
