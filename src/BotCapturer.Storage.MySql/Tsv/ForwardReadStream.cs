namespace BotCapturer.Storage.MySql.Tsv;

/// <summary>
/// A stream that can only be read forward, once (what <c>MySqlBulkLoader.SourceStream</c> consumes): everything but
/// reading is unsupported. Subclasses supply <see cref="Stream.Read(byte[], int, int)"/> and the reads they speed up.
/// </summary>
internal abstract class ForwardReadStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
