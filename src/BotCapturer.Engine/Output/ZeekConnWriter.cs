using System.Globalization;
using System.IO.Hashing;
using System.Text;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.Engine.Output;

/// <summary>
/// Writes flows as a Zeek conn.log (TSV with Zeek's #-headers), so zeek-cut and Zeek tooling can read it.
/// <c>orig_bytes</c>/<c>resp_bytes</c> are transport payload bytes, <c>*_ip_bytes</c> IP-level bytes, as Zeek defines them;
/// <c>uid</c> is a stable hash of the flow's key and start (Zeek's own uids are random).
/// </summary>
public sealed class ZeekConnWriter : IFlowSink
{
    private const string Fields = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents";
    private const string Types = "time\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]";

    /// <summary>
    /// The longest row: two seconds (18 bytes each), the uid (12), two IPv6 addresses (45 each), two ports (5),
    /// "unknown_transport" (17), six counters (20 each if negative), a state (6), five unset fields and 21 separators.
    /// </summary>
    private const int MaxRowBytes = 384;

    /// <summary>Buffer bytes <see cref="Format"/> needs for any row, stores past its end included.</summary>
    internal const int RowRoom = MaxRowBytes + AsciiRow.Slack;

    private const int BufferBytes = 1 << 16;
    private const int UidBytes = 18;

    private readonly TextWriter _writer;
    private readonly byte[] _bytes = new byte[BufferBytes];
    private readonly char[] _chars = new char[BufferBytes];
    private readonly Func<DateTime> _clock;
    private bool _headerWritten;

    public ZeekConnWriter(TextWriter writer, Func<DateTime>? clock = null)
    {
        _writer = writer;
        _clock = clock ?? (() => DateTime.UtcNow);
    }

    /// <summary>Rows are formatted during the call; no flow is kept.</summary>
    public bool KeepsFlows => false;

    public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
    {
        WriteHeader();
        var used = 0;
        foreach (var f in batch)
        {
            if (used > _bytes.Length - RowRoom)
            {
                WriteRows(used);
                used = 0;
            }

            used += Format(f, _bytes.AsSpan(used));
        }

        WriteRows(used);
        return ValueTask.CompletedTask;
    }

    /// <summary>Formats one conn.log row (with its newline) into <paramref name="line"/>, which must hold <see cref="RowRoom"/> bytes.</summary>
    internal static int Format(Flow f, Span<byte> line)
    {
        ref var row = ref AsciiRow.Start(line, MaxRowBytes);
        var at = 0;
        at = AsciiRow.AppendSeconds(ref row, at, f.StartNs);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        Span<byte> uid = stackalloc byte[UidBytes];
        at = AsciiRow.Append(ref row, at, uid[..WriteUid(f, uid)]);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, f.Source);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, (uint)f.SourcePort);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, f.Destination);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, (uint)f.DestinationPort);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, ZeekProto(f.Protocol));
        at = AsciiRow.Append(ref row, at, "\t-\t"u8); // service unset
        at = AsciiRow.AppendSeconds(ref row, at, f.DurationNs);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, f.SourcePayloadBytes);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, f.DestinationPayloadBytes);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, f.State);
        at = AsciiRow.Append(ref row, at, "\t-\t-\t0\t-\t"u8); // local_orig, local_resp unset, missed_bytes 0, history unset
        at = AsciiRow.Append(ref row, at, f.SourcePackets);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, f.SourceIpBytes);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, f.DestinationPackets);
        at = AsciiRow.Append(ref row, at, (byte)'\t');
        at = AsciiRow.Append(ref row, at, f.DestinationIpBytes);
        at = AsciiRow.Append(ref row, at, "\t-\n"u8); // tunnel_parents unset
        return at;
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

    private void WriteRows(int used)
    {
        // The rows are ASCII, so widening them is the whole UTF-8 to UTF-16 conversion.
        Ascii.ToUtf16(_bytes.AsSpan(0, used), _chars, out var n);
        _writer.Write(_chars.AsSpan(0, n));
    }

    private static string ZeekProto(byte protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 or 58 => "icmp",
        _ => "unknown_transport",
    };

    /// <summary>Writes the flow's uid ('C' and up to 11 base-62 digits of an XxHash64) as ASCII; returns its length.</summary>
    internal static int WriteUid(Flow f, Span<byte> uid)
    {
        Span<byte> key = stackalloc byte[48];
        BitConverter.TryWriteBytes(key, f.Key.A.High);
        BitConverter.TryWriteBytes(key[8..], f.Key.A.Low);
        BitConverter.TryWriteBytes(key[16..], f.Key.B.High);
        BitConverter.TryWriteBytes(key[24..], f.Key.B.Low);
        BitConverter.TryWriteBytes(key[32..], ((ulong)f.Key.PortA << 32) | ((ulong)f.Key.PortB << 8) | f.Protocol);
        BitConverter.TryWriteBytes(key[40..], f.StartNs);
        var hash = XxHash64.HashToUInt64(key);
        ReadOnlySpan<byte> alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8;
        uid[0] = (byte)'C';
        var n = 1;
        while (n < UidBytes && (hash != 0 || n == 1))
        {
            uid[n++] = alphabet[(int)(hash % 62)];
            hash /= 62;
        }

        return n;
    }
}
