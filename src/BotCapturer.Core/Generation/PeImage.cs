using System.Buffers.Binary;

namespace BotCapturer.Generation;

/// <summary>
/// The first bytes of a Windows PE executable (Microsoft PE/COFF specification §2–3): the MS-DOS stub header
/// ("MZ", e_lfanew at 0x3C), the DOS stub program and message, then "PE\0\0" and a COFF file header and the start
/// of a PE32 optional header. What a download of a real .exe begins with; the rest of the file is filler.
/// </summary>
internal static class PeImage
{
    /// <summary>Offset of the PE signature (e_lfanew), as the Microsoft linker writes for a stub without a Rich header.</summary>
    public const int PeOffset = 0x80;

    /// <summary>Length of <see cref="Header"/>.</summary>
    public const int HeaderLength = 0x200;

    public static byte[] Header(uint timeDateStamp)
    {
        var image = new byte[HeaderLength];
        var s = image.AsSpan();
        s[0] = (byte)'M';
        s[1] = (byte)'Z';
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x02..], 0x90); // bytes on last page
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x04..], 3); // pages
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x08..], 4); // header paragraphs
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x0C..], 0xFFFF); // max extra paragraphs
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x10..], 0xB8); // initial SP
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x18..], 0x40); // relocation table offset
        BinaryPrimitives.WriteInt32LittleEndian(s[0x3C..], PeOffset); // e_lfanew
        // DOS stub: push cs; pop ds; mov dx,0x0e; mov ah,9; int 21h; mov ax,4c01h; int 21h
        byte[] stub = [0x0E, 0x1F, 0xBA, 0x0E, 0x00, 0xB4, 0x09, 0xCD, 0x21, 0xB8, 0x01, 0x4C, 0xCD, 0x21];
        stub.CopyTo(s[0x40..]);
        "This program cannot be run in DOS mode.\r\r\n$"u8.CopyTo(s[0x4E..]);
        "PE\0\0"u8.CopyTo(s[PeOffset..]);
        var coff = s[(PeOffset + 4)..];
        BinaryPrimitives.WriteUInt16LittleEndian(coff, 0x014C); // IMAGE_FILE_MACHINE_I386
        BinaryPrimitives.WriteUInt16LittleEndian(coff[2..], 4); // sections
        BinaryPrimitives.WriteUInt32LittleEndian(coff[4..], timeDateStamp);
        BinaryPrimitives.WriteUInt16LittleEndian(coff[16..], 0xE0); // optional header size (PE32)
        BinaryPrimitives.WriteUInt16LittleEndian(coff[18..], 0x0102); // EXECUTABLE_IMAGE | 32BIT_MACHINE
        var optional = coff[20..];
        BinaryPrimitives.WriteUInt16LittleEndian(optional, 0x010B); // PE32 magic
        optional[2] = 14; // linker version
        BinaryPrimitives.WriteUInt32LittleEndian(optional[16..], 0x1000); // entry point RVA
        BinaryPrimitives.WriteUInt32LittleEndian(optional[28..], 0x00400000); // image base
        BinaryPrimitives.WriteUInt32LittleEndian(optional[32..], 0x1000); // section alignment
        BinaryPrimitives.WriteUInt32LittleEndian(optional[36..], 0x200); // file alignment
        BinaryPrimitives.WriteUInt16LittleEndian(optional[68..], 2); // subsystem: Windows GUI
        return image;
    }
}
