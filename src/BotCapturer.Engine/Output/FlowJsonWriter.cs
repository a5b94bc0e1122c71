using System.Text.Json;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Output;

/// <summary>Writes one JSON object per flow and line (JSON Lines), with the CSV's fields and the details CSV leaves out.</summary>
public sealed class FlowJsonWriter : IFlowSink, IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;

    public FlowJsonWriter(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Rows are formatted during the call; no flow is kept.</summary>
    public bool KeepsFlows => false;

    public async ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        foreach (var f in batch)
        {
            _json.WriteStartObject();
            _json.WriteNumber("start", decimal.Divide(f.StartNs / 1000, 1_000_000m));
            _json.WriteNumber("end", decimal.Divide(f.EndNs / 1000, 1_000_000m));
            _json.WriteString("proto", FlowFormatting.ProtocolName(f.Protocol));
            _json.WriteString("src", f.Source.ToString());
            _json.WriteNumber("sport", f.SourcePort);
            _json.WriteString("dst", f.Destination.ToString());
            _json.WriteNumber("dport", f.DestinationPort);
            _json.WriteNumber("src_packets", f.SourcePackets);
            _json.WriteNumber("src_bytes", f.SourceBytes);
            _json.WriteNumber("src_payload_bytes", f.SourcePayloadBytes);
            _json.WriteNumber("dst_packets", f.DestinationPackets);
            _json.WriteNumber("dst_bytes", f.DestinationBytes);
            _json.WriteNumber("dst_payload_bytes", f.DestinationPayloadBytes);
            _json.WriteString("state", f.State);
            _json.WriteString("end_reason", f.End.ToString().ToLowerInvariant());
            if (f.Protocol == 6)
            {
                _json.WriteString("src_flags", f.SourceFlags.ToString());
                _json.WriteString("dst_flags", f.DestinationFlags.ToString());
            }

            if (f.SourcePayloadLength > 0)
            {
                _json.WriteBase64String("src_payload", f.SourcePayloadPrefix);
            }

            if (f.DestinationPayloadLength > 0)
            {
                _json.WriteBase64String("dst_payload", f.DestinationPayloadPrefix);
            }

            _json.WriteEndObject();
            await _json.FlushAsync(cancellationToken);
            _json.Reset();
            _stream.WriteByte((byte)'\n');
        }
    }

    public void Dispose() => _json.Dispose();

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await _json.FlushAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }
}
