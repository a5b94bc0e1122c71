using System.Buffers.Binary;
using BotCapturer.Decode;
using BotCapturer.Fuzz;

namespace BotCapturer.Tests.Fuzz;

/// <summary>
/// Records larger than the parser's buffer hint that straddle pipe segments: PcapParser accepts captured lengths up
/// to 16 MiB (BIG TCP / jumbo captures), so the reader must read such a record whole, as the in-memory loop does.
/// </summary>
public sealed class StraddlingRecordTests
{
    [Theory]
    [InlineData(65_535, 300_000)]
    [InlineData(0, 1_000_000)]
    public void RecordBeyondSnapLengthIsReadAcrossSegments(int snapLength, int recordLength)
    {
        var bytes = PcapWithOneBigRecord(snapLength, recordLength);

        var memory = FuzzTarget.RunInMemory(bytes);
        var piped = FuzzTarget.RunReader(bytes, segmentSize: 64 * 1024);

        Assert.Null(memory.Error);
        Assert.Equal(2, memory.Counts[(int)DecodeStatus.Ok]);
        Assert.True(memory.Agrees(piped), $"{memory} vs {piped}");
    }

    private static byte[] PcapWithOneBigRecord(int snapLength, int recordLength)
    {
        var bytes = new byte[24 + 16 + 100 + 16 + recordLength];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 1);

        // A 100-byte record first, so the big one starts off a segment boundary.
        WriteRecord(s[24..], 100);
        WriteRecord(s[(24 + 16 + 100)..], recordLength);
        return bytes;
    }

    private static void WriteRecord(Span<byte> s, int length)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(s, 1_772_441_000);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)length);

        // Ethernet + IPv4 (total length 0: TSO/BIG TCP, the frame is the packet) + TCP, zero payload bytes after.
        var frame = s[16..];
        frame[12] = 0x08;
        frame[14] = 0x45;
        frame[23] = 6;
        frame[26] = 10;
        frame[30] = 192;
        frame[34 + 12] = 0x50;
        frame[34 + 13] = 0x10;
    }
}
