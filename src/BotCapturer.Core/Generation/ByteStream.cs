namespace BotCapturer.Generation;

/// <summary>
/// The bytes one side of a TCP connection sends, as a list of chunks (literal headers, slices of a shared filler).
/// Segments are cut from it by <see cref="Slice"/>, which copies only when a segment spans two chunks.
/// </summary>
internal sealed class ByteStream
{
    private readonly List<ReadOnlyMemory<byte>> _chunks = [];
    private readonly List<long> _starts = [];

    public long Length { get; private set; }

    public ByteStream Add(ReadOnlyMemory<byte> chunk)
    {
        if (!chunk.IsEmpty)
        {
            _chunks.Add(chunk);
            _starts.Add(Length);
            Length += chunk.Length;
        }

        return this;
    }

    /// <summary>Adds <paramref name="length"/> bytes of <paramref name="filler"/> starting at a random place.</summary>
    public ByteStream AddFiller(ReadOnlyMemory<byte> filler, long length, DeterministicRandom random)
    {
        var offset = random.Next(filler.Length);
        while (length > 0)
        {
            var take = (int)Math.Min(length, filler.Length - offset);
            Add(filler.Slice(offset, take));
            length -= take;
            offset = 0;
        }

        return this;
    }

    public ReadOnlyMemory<byte> Slice(long offset, int length)
    {
        var index = _starts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        var within = (int)(offset - _starts[index]);
        var chunk = _chunks[index];
        if (within + length <= chunk.Length)
        {
            return chunk.Slice(within, length);
        }

        var copy = new byte[length];
        var written = 0;
        while (written < length)
        {
            var part = _chunks[index].Span[within..];
            var take = Math.Min(part.Length, length - written);
            part[..take].CopyTo(copy.AsSpan(written));
            written += take;
            index++;
            within = 0;
        }

        return copy;
    }
}
