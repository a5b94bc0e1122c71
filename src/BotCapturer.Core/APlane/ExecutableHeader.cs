using System.Buffers.Binary;

namespace BotCapturer.APlane;

/// <summary>Recognizes the start of a Windows PE or an ELF executable.</summary>
public static class ExecutableHeader
{
    /// <summary>
    /// Returns a short description ("PE i386", "ELF32 MSB mips") when <paramref name="data"/> begins an executable, else
    /// null. PE: "MZ" and an e_lfanew at 0x3C (Microsoft PE/COFF specification §2) that points at "PE\0\0" when the
    /// header is within the visible bytes; at least the 64-byte DOS header must be visible. ELF: the 16-byte
    /// identification (System V ABI gABI §4: magic, class 1/2, data 1/2, version 1).
    /// </summary>
    public static string? Describe(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 0x40 && data[0] == (byte)'M' && data[1] == (byte)'Z')
        {
            var peOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[0x3C..]);
            if (peOffset is < 4 or >= 0x10000)
            {
                return null;
            }

            if (peOffset + 6 > data.Length)
            {
                return "PE (header beyond the visible bytes)";
            }

            if (!data[(int)peOffset..].StartsWith("PE\0\0"u8))
            {
                return null;
            }

            return "PE " + PeMachine(BinaryPrimitives.ReadUInt16LittleEndian(data[((int)peOffset + 4)..]));
        }

        if (data.Length >= 16 && data.StartsWith("\u007fELF"u8) && data[4] is 1 or 2 && data[5] is 1 or 2 && data[6] == 1)
        {
            var bits = data[4] == 1 ? "ELF32" : "ELF64";
            var order = data[5] == 1 ? "LSB" : "MSB";
            var machine = data.Length >= 20
                ? (data[5] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(data[18..]) : BinaryPrimitives.ReadUInt16BigEndian(data[18..]))
                : (ushort)0;
            return $"{bits} {order} {ElfMachine(machine)}";
        }

        return null;
    }

    // PE/COFF §3.3.1 machine types.
    private static string PeMachine(ushort machine) => machine switch
    {
        0x014C => "i386",
        0x8664 => "amd64",
        0x01C0 or 0x01C4 => "arm",
        0xAA64 => "arm64",
        _ => "machine 0x" + machine.ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
    };

    // gABI e_machine values.
    private static string ElfMachine(ushort machine) => machine switch
    {
        2 => "sparc",
        3 => "i386",
        4 => "m68k",
        8 => "mips",
        20 => "ppc",
        40 => "arm",
        42 => "sh",
        62 => "x86-64",
        183 => "aarch64",
        _ => "machine " + machine.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
