namespace BotCapturer.Engine.Pipeline;

/// <summary>Live counters for a progress display; written by the workers with interlocked adds, read by anyone.</summary>
public sealed class ProgressCounters
{
    private long _bytes;
    private long _packets;
    private long _flows;
    private int _filesDone;

    public int FilesTotal { get; internal set; }

    public long BytesTotal { get; internal set; }

    public int FilesDone => Volatile.Read(ref _filesDone);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Packets => Interlocked.Read(ref _packets);

    public long Flows => Interlocked.Read(ref _flows);

    internal void AddBytes(long n) => Interlocked.Add(ref _bytes, n);

    internal void AddPackets(long n) => Interlocked.Add(ref _packets, n);

    internal void AddFlows(long n) => Interlocked.Add(ref _flows, n);

    internal void FileDone() => Interlocked.Increment(ref _filesDone);
}
