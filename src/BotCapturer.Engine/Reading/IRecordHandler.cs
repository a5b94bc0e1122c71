using BotCapturer.Capture;

namespace BotCapturer.Engine.Reading;

/// <summary>Receives every record a <see cref="CaptureFileReader"/> finds. The frame span is valid only during the call.</summary>
internal interface IRecordHandler
{
    void OnPacket(in CaptureRecord record, ReadOnlySpan<byte> frame);

    void OnBadRecord(in CaptureRecord record, string? reason);
}
