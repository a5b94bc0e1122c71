namespace BotCapturer.Storage.MySql.Loading;

/// <summary>A file whose transaction committed: its row id and what was stored.</summary>
public sealed record FileLoadResult(FileIdentity File, long FileId, long Packets, long FlowRows, long PacketRows, string? ReadError);
