namespace BotCapturer.Capture;

/// <summary>Chooses the parser for a capture file from its first bytes.</summary>
public static class CaptureFormat
{
    /// <summary>Bytes needed to recognise a format.</summary>
    public const int SniffLength = PcapParser.FileHeaderLength;

    /// <summary>
    /// Creates a parser for the file whose first bytes are <paramref name="header"/>; <paramref name="headerLength"/>
    /// is how many of them belong to a file header that the caller must skip (pcapng has none: its SHB is a block).
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> header, out ICaptureParser? parser, out int headerLength, out string? error)
    {
        if (PcapNgParser.LooksLikePcapNg(header))
        {
            parser = new PcapNgParser();
            headerLength = 0;
            error = null;
            return true;
        }

        if (header.Length == 0)
        {
            parser = null;
            headerLength = 0;
            error = "empty file";
            return false;
        }

        if (PcapParser.TryCreate(header, out var pcap, out error))
        {
            parser = pcap;
            headerLength = PcapParser.FileHeaderLength;
            return true;
        }

        parser = null;
        headerLength = 0;
        return false;
    }
}
