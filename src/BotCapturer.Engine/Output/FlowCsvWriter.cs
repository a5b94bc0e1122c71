using System.Text;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Output;

/// <summary>
/// Writes flows as CSV with the header <see cref="Header"/>; bytes are wire bytes (pcap original length). Rows are
/// formatted straight into UTF-8 (all of it is ASCII) in a large buffer that goes to the stream in one write.
/// </summary>
public sealed class FlowCsvWriter : IFlowSink
{
    public const string Header = "start,end,proto,src,sport,dst,dport,src_packets,src_bytes,dst_packets,dst_bytes,state";

    private const int BufferBytes = 1 << 20;
    private const int MaxRowBytes = 512;

    private static readonly byte[][] ProtocolNames = Enumerable.Range(0, 256).Select(p => Encoding.ASCII.GetBytes(FlowFormatting.ProtocolName((byte)p))).ToArray();

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _used;
    private bool _headerWritten;

    /// <summary>Writes to <paramref name="stream"/>, which the caller keeps and disposes.</summary>
    public FlowCsvWriter(Stream stream) => _stream = stream;

    public async ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        WriteHeaderOnce();
        foreach (var flow in batch)
        {
            if (_used > BufferBytes - MaxRowBytes)
            {
                await FlushBufferAsync(cancellationToken);
            }

            _used += Format(flow, _buffer.AsSpan(_used));
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        WriteHeaderOnce();
        await FlushBufferAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    private void WriteHeaderOnce()
    {
        if (!_headerWritten)
        {
            _used += Encoding.ASCII.GetBytes(Header + "\n", _buffer.AsSpan(_used));
            _headerWritten = true;
        }
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken);
        _used = 0;
    }

    private static int Format(Flow f, Span<byte> line)
    {
        FlowFormatting.TryFormatSeconds(f.StartNs, line, out var n);
        line[n++] = (byte)',';
        FlowFormatting.TryFormatSeconds(f.EndNs, line[n..], out var w);
        n += w;
        line[n++] = (byte)',';
        var proto = ProtocolNames[f.Protocol];
        proto.CopyTo(line[n..]);
        n += proto.Length;
        line[n++] = (byte)',';
        f.Source.TryFormat(line[n..], out w, default, null);
        n += w;
        line[n++] = (byte)',';
        f.SourcePort.TryFormat(line[n..], out w);
        n += w;
        line[n++] = (byte)',';
        f.Destination.TryFormat(line[n..], out w, default, null);
        n += w;
        line[n++] = (byte)',';
        f.DestinationPort.TryFormat(line[n..], out w);
        n += w;
        line[n++] = (byte)',';
        f.SourcePackets.TryFormat(line[n..], out w);
        n += w;
        line[n++] = (byte)',';
        f.SourceBytes.TryFormat(line[n..], out w);
        n += w;
        line[n++] = (byte)',';
        f.DestinationPackets.TryFormat(line[n..], out w);
        n += w;
        line[n++] = (byte)',';
        f.DestinationBytes.TryFormat(line[n..], out w);
        n += w;
        line[n++] = (byte)',';
        n += Encoding.ASCII.GetBytes(f.State, line[n..]);
        line[n++] = (byte)'\n';
        return n;
    }
}
