using BotCapturer.Storage.MySql.Tsv;

namespace BotCapturer.Storage.MySql.Xa;

/// <summary>A read-only stream that counts the bytes read through it (how far a bulk load has taken its pipe).</summary>
internal sealed class CountingReadStream(Stream inner) : ForwardReadStream
{
    private long _read;

    /// <summary>Bytes read so far; safe to read from another thread.</summary>
    public long BytesRead => Interlocked.Read(ref _read);

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        Interlocked.Add(ref _read, read);
        return read;
    }
}
