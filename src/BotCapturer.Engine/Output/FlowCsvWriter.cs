using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Output;

/// <summary>Writes flows as CSV with the header <see cref="Header"/>; bytes are wire bytes (pcap original length).</summary>
public sealed class FlowCsvWriter : IFlowSink
{
    public const string Header = "start,end,proto,src,sport,dst,dport,src_packets,src_bytes,dst_packets,dst_bytes,state";

    private readonly TextWriter _writer;
    private readonly char[] _line = new char[256];
    private bool _headerWritten;

    public FlowCsvWriter(TextWriter writer) => _writer = writer;

    public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            _writer.WriteLine(Header);
            _headerWritten = true;
        }

        foreach (var flow in batch)
        {
            var n = Format(flow, _line);
            _writer.Write(_line, 0, n);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            await _writer.WriteLineAsync(Header);
            _headerWritten = true;
        }

        await _writer.FlushAsync(cancellationToken);
    }

    private static int Format(Flow f, Span<char> line)
    {
        var n = 0;
        FlowFormatting.TryFormatSeconds(f.StartNs, line, out var w);
        n += w;
        line[n++] = ',';
        FlowFormatting.TryFormatSeconds(f.EndNs, line[n..], out w);
        n += w;
        line[n++] = ',';
        var proto = FlowFormatting.ProtocolName(f.Protocol);
        proto.CopyTo(line[n..]);
        n += proto.Length;
        line[n++] = ',';
        f.Source.TryFormat(line[n..], out w, default, null);
        n += w;
        line[n++] = ',';
        f.SourcePort.TryFormat(line[n..], out w);
        n += w;
        line[n++] = ',';
        f.Destination.TryFormat(line[n..], out w, default, null);
        n += w;
        line[n++] = ',';
        f.DestinationPort.TryFormat(line[n..], out w);
        n += w;
        line[n++] = ',';
        f.SourcePackets.TryFormat(line[n..], out w);
        n += w;
        line[n++] = ',';
        f.SourceBytes.TryFormat(line[n..], out w);
        n += w;
        line[n++] = ',';
        f.DestinationPackets.TryFormat(line[n..], out w);
        n += w;
        line[n++] = ',';
        f.DestinationBytes.TryFormat(line[n..], out w);
        n += w;
        line[n++] = ',';
        var state = f.State;
        state.CopyTo(line[n..]);
        n += state.Length;
        line[n++] = '\n';
        return n;
    }
}
