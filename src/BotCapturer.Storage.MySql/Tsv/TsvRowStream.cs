using System.Buffers;

namespace BotCapturer.Storage.MySql.Tsv;

/// <summary>
/// A read-only stream of TSV rows made on demand from a sequence of items, about 64 KiB at a time, for
/// <c>MySqlBulkLoader.SourceStream</c>: a result table streams into <c>LOAD DATA LOCAL</c> without being held in memory
/// as a whole. <see cref="Rows"/> counts the rows the loader has read, the number to check against what the server stored.
/// </summary>
internal sealed class TsvRowStream<T> : ForwardReadStream
{
    private const int FillTarget = 1 << 16;

    private readonly IEnumerator<T> _items;
    private readonly Action<IBufferWriter<byte>, T> _writeRow;
    private readonly ArrayBufferWriter<byte> _buffer = new(FillTarget * 2);
    private int _position;
    private bool _done;

    public TsvRowStream(IEnumerable<T> items, Action<IBufferWriter<byte>, T> writeRow)
    {
        _items = items.GetEnumerator();
        _writeRow = writeRow;
    }

    /// <summary>Rows written so far (all of them once a read returned 0).</summary>
    public long Rows { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        if (_position == _buffer.WrittenCount)
        {
            Fill();
        }

        var available = _buffer.WrittenSpan[_position..];
        var n = Math.Min(available.Length, buffer.Length);
        available[..n].CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _items.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Fill()
    {
        _buffer.ResetWrittenCount();
        _position = 0;
        while (!_done && _buffer.WrittenCount < FillTarget)
        {
            if (!_items.MoveNext())
            {
                _done = true;
                break;
            }

            _writeRow(_buffer, _items.Current);
            Rows++;
        }
    }
}
