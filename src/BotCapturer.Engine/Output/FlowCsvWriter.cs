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

    /// <summary>
    /// The longest row: two seconds (18 bytes each at long.MinValue), "icmp6", two IPv6 addresses (45 each), two
    /// ports (5), four counters (20 each if negative), a state (6), 11 commas and the newline: 239, rounded up.
    /// </summary>
    private const int MaxRowBytes = 256;

    /// <summary>Buffer bytes <see cref="Format"/> needs for any row, stores past its end included.</summary>
    internal const int RowRoom = MaxRowBytes + AsciiRow.Slack;

    // The protocol name and its comma, one store each.
    private static readonly ShortAscii[] ProtocolNames = Enumerable.Range(0, 256).Select(p => ShortAscii.From(FlowFormatting.ProtocolName((byte)p) + ",")).ToArray();

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _used;
    private bool _headerWritten;

    /// <summary>Writes to <paramref name="stream"/>, which the caller keeps and disposes.</summary>
    public FlowCsvWriter(Stream stream) => _stream = stream;

    /// <summary>Rows are formatted during the call; no flow is kept.</summary>
    public bool KeepsFlows => false;

    public async ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        WriteHeaderOnce();
        var next = 0;
        while ((next = FormatFrom(batch, next)) < batch.Count)
        {
            await FlushBufferAsync(cancellationToken);
        }
    }

    /// <summary>Formats the batch's rows from <paramref name="start"/> while they fit; returns the first row not written.</summary>
    private int FormatFrom(IReadOnlyList<Flow> batch, int start)
    {
        var flows = FlowBatch.AsSpan(batch);
        for (var i = start; i < flows.Length; i++)
        {
            if (_used > BufferBytes - RowRoom)
            {
                return i;
            }

            if (i + FlowBatch.PrefetchDistance < flows.Length)
            {
                flows[i + FlowBatch.PrefetchDistance].Prefetch(); // a row reads most of a flow's fields
            }

            _used += Format(flows[i], _buffer.AsSpan(_used));
        }

        return flows.Length;
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

    /// <summary>Formats one row (with its newline) into <paramref name="line"/>, which must hold <see cref="RowRoom"/> bytes.</summary>
    internal static int Format(Flow f, Span<byte> line)
    {
        ref var row = ref AsciiRow.Start(line, MaxRowBytes);
        var at = 0;
        var key = f.Key;

        // Flow.Source/Destination/SourcePort/DestinationPort, decided once: ICMP keys keep (type, code) in (PortA, PortB).
        var sourceIsA = f.SourceIsA;
        var portsInOrder = sourceIsA || f.IsIcmp;
        at = AsciiRow.AppendSeconds(ref row, at, f.StartNs);
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.AppendSeconds(ref row, at, f.EndNs);
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, ProtocolNames[key.Protocol]);
        at = AsciiRow.Append(ref row, at, sourceIsA ? key.A : key.B);
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, (uint)(portsInOrder ? key.PortA : key.PortB));
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, sourceIsA ? key.B : key.A);
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, (uint)(portsInOrder ? key.PortB : key.PortA));
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, f.SourcePackets);
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, f.SourceBytes);
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, f.DestinationPackets);
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, f.DestinationBytes);
        at = AsciiRow.Append(ref row, at, (byte)',');
        at = AsciiRow.Append(ref row, at, f.State);
        at = AsciiRow.Append(ref row, at, (byte)'\n');
        return at;
    }
}
