using System.Buffers;
using System.IO.Pipelines;
using BotCapturer.Capture;

namespace BotCapturer.Engine.Reading;

/// <summary>
/// Streams a capture file through a <see cref="PipeReader"/> and hands every record to a handler as a span over the
/// pipe's own buffer: nothing is copied, except a record that straddles two pipe segments (once per segment).
/// Format errors never throw; they come back as <see cref="ReadOutcome.Error"/> with the file offset.
/// </summary>
internal sealed class CaptureFileReader
{
    /// <summary>Size of the pipe's read segments: large, so few records straddle two of them.</summary>
    public const int SegmentSize = 1 << 20;

    private readonly Func<Stream> _open;
    private readonly int _segmentSize;
    private ICaptureParser? _parser;
    private byte[]? _scratch;

    public CaptureFileReader(string path)
        : this(() => OpenFile(path), SegmentSize)
    {
    }

    /// <summary>Reads the stream <paramref name="open"/> returns, in pipe segments of <paramref name="segmentSize"/> bytes
    /// (the fuzz harness and tests use a memory stream and small segments, so that records straddle segments).</summary>
    public CaptureFileReader(Func<Stream> open, int segmentSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 4);
        _open = open;
        _segmentSize = segmentSize;
    }

    /// <summary>Bytes consumed so far (the offset of the next record).</summary>
    public long Offset { get; private set; }

    /// <summary>The parser chosen for the file, once its header was read.</summary>
    public ICaptureParser? Parser => _parser;

    /// <summary>
    /// Reads the whole file. After each chunk of records, <paramref name="afterChunk"/> runs (outside the span
    /// scope), so the caller can pass finished work downstream and feel back-pressure.
    /// </summary>
    public async Task<ReadOutcome> ReadAsync<THandler>(THandler handler, Func<CancellationToken, ValueTask> afterChunk, CancellationToken cancellationToken)
        where THandler : IRecordHandler
    {
        var stream = _open();
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: _segmentSize, minimumReadSize: _segmentSize / 4, leaveOpen: false));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var step = Parse(handler, buffer, result.IsCompleted, out var consumed);
                reader.AdvanceTo(consumed, buffer.End);
                await afterChunk(cancellationToken);
                if (step != ReadOutcome.Continue)
                {
                    return step;
                }

                if (result.IsCompleted)
                {
                    return ReadOutcome.Done;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static Stream OpenFile(string path) => path == "-"
        ? Console.OpenStandardInput()
        : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan | FileOptions.Asynchronous);

    /// <summary>Why reading stopped, with a message when it is an error.</summary>
    public string? Error { get; private set; }

    private ReadOutcome Parse<THandler>(THandler handler, ReadOnlySequence<byte> buffer, bool isFinal, out SequencePosition consumed)
        where THandler : IRecordHandler
    {
        consumed = buffer.Start;
        var reader = new SequenceReader<byte>(buffer);
        if (_parser is null)
        {
            if (buffer.Length < CaptureFormat.SniffLength && !isFinal)
            {
                return ReadOutcome.Continue;
            }

            Span<byte> header = stackalloc byte[CaptureFormat.SniffLength];
            var length = (int)Math.Min(buffer.Length, header.Length);
            buffer.Slice(0, length).CopyTo(header);
            if (!CaptureFormat.TryCreate(header[..length], out _parser, out var headerLength, out var error))
            {
                Error = error;
                return ReadOutcome.Error;
            }

            reader.Advance(headerLength);
            Offset += headerLength;
        }

        var parser = _parser!;
        while (!reader.End)
        {
            var span = reader.UnreadSpan;
            var status = parser.TryRead(span, out var record, out var used);
            var frameSource = span;
            if (status == ReadStatus.NeedMoreData && reader.Remaining > span.Length)
            {
                // The record straddles two segments: copy just enough into a scratch buffer. MaxRecordLength is only
                // a hint: PcapParser accepts captured lengths up to 16 MiB whatever the snaplen (BIG TCP), so a
                // record the first copy does not hold gets a copy twice as long, until it is whole or the parser
                // rejects it (found by the fuzz harness's reader-vs-in-memory check; docs/fuzzing.md).
                // Start small (most records are a few hundred bytes; pcapng's MaxRecordLength is 16 MiB) and grow.
                var want = (int)Math.Min(reader.Remaining, Math.Min(parser.MaxRecordLength, span.Length + (64 * 1024)));
                while (true)
                {
                    if (_scratch is null || _scratch.Length < want)
                    {
                        _scratch = new byte[Math.Max(want, 64 * 1024)];
                    }

                    reader.UnreadSequence.Slice(0, want).CopyTo(_scratch);
                    frameSource = _scratch.AsSpan(0, want);
                    status = parser.TryRead(frameSource, out record, out used);
                    if (status != ReadStatus.NeedMoreData || want >= reader.Remaining)
                    {
                        break;
                    }

                    want = (int)Math.Min(reader.Remaining, Math.Min(2L * want, int.MaxValue));
                }
            }

            switch (status)
            {
                case ReadStatus.Packet:
                    handler.OnPacket(record, frameSource.Slice(record.DataOffset, record.CapturedLength));
                    break;
                case ReadStatus.BadRecord:
                    handler.OnBadRecord(record, parser.Error);
                    break;
                case ReadStatus.NonPacket:
                    break;
                case ReadStatus.NeedMoreData:
                    consumed = reader.Position;
                    if (isFinal)
                    {
                        Error = $"file truncated: incomplete record at offset {Offset} ({reader.Remaining} bytes left)";
                        return ReadOutcome.Error;
                    }

                    return ReadOutcome.Continue;
                case ReadStatus.Error:
                    consumed = reader.Position;
                    Error = $"{parser.Error} at offset {Offset}";
                    return ReadOutcome.Error;
            }

            reader.Advance(used);
            Offset += used;
        }

        consumed = reader.Position;
        return ReadOutcome.Continue;
    }
}

/// <summary>How a read loop step ended.</summary>
internal enum ReadOutcome
{
    Continue,
    Done,
    Error,
}
