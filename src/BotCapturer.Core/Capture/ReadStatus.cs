namespace BotCapturer.Capture;

/// <summary>What a capture-format parser found at the start of its input.</summary>
public enum ReadStatus
{
    /// <summary>A packet record; <see cref="CaptureRecord"/> describes it.</summary>
    Packet,

    /// <summary>A block or header that carries no packet (pcapng SHB, IDB, statistics, ...); it was consumed.</summary>
    NonPacket,

    /// <summary>A record whose framing is intact but whose content is bogus (for example captured length greater than original); consumed and counted.</summary>
    BadRecord,

    /// <summary>The input ends inside a record; supply more bytes (or, at end of file, the file is truncated).</summary>
    NeedMoreData,

    /// <summary>The file is not readable from here on; <see cref="ICaptureParser.Error"/> says why.</summary>
    Error,
}
