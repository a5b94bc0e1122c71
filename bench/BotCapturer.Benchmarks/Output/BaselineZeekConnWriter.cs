using System.Globalization;
using System.IO.Hashing;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.Benchmarks.Output;

/// <summary>ZeekConnWriter as it was before AsciiRow (main at 3c6bb81, strings per row), the baseline of <see cref="ZeekConnFormatBenchmarks"/>.</summary>
internal sealed class BaselineZeekConnWriter : IFlowSink
{
    private const string Fields = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents";
    private const string Types = "time\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]";

    private readonly TextWriter _writer;
    private readonly Func<DateTime> _clock;
    private bool _headerWritten;

    public BaselineZeekConnWriter(TextWriter writer, Func<DateTime>? clock = null)
    {
        _writer = writer;
        _clock = clock ?? (() => DateTime.UtcNow);
    }

    public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        WriteHeader();
        foreach (var f in batch)
        {
            _writer.Write(BaselineFlowCsvFormat.Seconds(f.StartNs));
            _writer.Write('\t');
            _writer.Write(Uid(f));
            _writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"\t{f.Source}\t{f.SourcePort}\t{f.Destination}\t{f.DestinationPort}\t{ZeekProto(f.Protocol)}\t-\t"));
            _writer.Write(BaselineFlowCsvFormat.Seconds(f.DurationNs));
            _writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"\t{f.SourcePayloadBytes}\t{f.DestinationPayloadBytes}\t{f.State}\t-\t-\t0\t-\t{f.SourcePackets}\t{f.SourceIpBytes}\t{f.DestinationPackets}\t{f.DestinationIpBytes}\t-\n"));
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        WriteHeader();
        await _writer.WriteLineAsync("#close\t" + _clock().ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture));
        await _writer.FlushAsync(cancellationToken);
    }

    private void WriteHeader()
    {
        if (_headerWritten)
        {
            return;
        }

        _headerWritten = true;
        _writer.Write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n");
        _writer.Write("#open\t" + _clock().ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture) + "\n");
        _writer.Write("#fields\t" + Fields + "\n#types\t" + Types + "\n");
    }

    private static string ZeekProto(byte protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 or 58 => "icmp",
        _ => "unknown_transport",
    };

    internal static string Uid(Flow f)
    {
        Span<byte> key = stackalloc byte[48];
        BitConverter.TryWriteBytes(key, f.Key.A.High);
        BitConverter.TryWriteBytes(key[8..], f.Key.A.Low);
        BitConverter.TryWriteBytes(key[16..], f.Key.B.High);
        BitConverter.TryWriteBytes(key[24..], f.Key.B.Low);
        BitConverter.TryWriteBytes(key[32..], ((ulong)f.Key.PortA << 32) | ((ulong)f.Key.PortB << 8) | f.Protocol);
        BitConverter.TryWriteBytes(key[40..], f.StartNs);
        var hash = XxHash64.HashToUInt64(key);
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        Span<char> uid = stackalloc char[18];
        uid[0] = 'C';
        var n = 1;
        while (n < uid.Length && (hash != 0 || n == 1))
        {
            uid[n++] = Alphabet[(int)(hash % 62)];
            hash /= 62;
        }

        return new string(uid[..n]);
    }
}
