using System.Globalization;
using System.Text;
using BotCapturer.Engine.Output;
using BotCapturer.Flows;

namespace BotCapturer.Benchmarks.Output;

/// <summary>
/// The CSV row formatter as it was before AsciiRow (main at 3c6bb81: FlowCsvWriter.Format and
/// FlowFormatting.TryFormatSeconds), kept as the baseline of <see cref="FlowCsvFormatBenchmarks"/>.
/// </summary>
internal static class BaselineFlowCsvFormat
{
    public static string Seconds(long ns)
    {
        Span<byte> buffer = stackalloc byte[32];
        TryFormatSeconds(ns, buffer, out var n);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    private static readonly byte[][] ProtocolNames = Enumerable.Range(0, 256).Select(p => Encoding.ASCII.GetBytes(FlowFormatting.ProtocolName((byte)p))).ToArray();

    public static int Format(Flow f, Span<byte> line)
    {
        TryFormatSeconds(f.StartNs, line, out var n);
        line[n++] = (byte)',';
        TryFormatSeconds(f.EndNs, line[n..], out var w);
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

    public static bool TryFormatSeconds(long ns, Span<byte> destination, out int written)
    {
        var micros = ns / 1000;
        var seconds = Math.DivRem(micros, 1_000_000, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000;
        }

        written = 0;
        if (!seconds.TryFormat(destination, out var n, default, CultureInfo.InvariantCulture) || destination.Length < n + 7)
        {
            return false;
        }

        destination[n++] = (byte)'.';
        var f = (int)fraction;
        for (var i = 5; i >= 0; i--)
        {
            destination[n + i] = (byte)('0' + (f % 10));
            f /= 10;
        }

        written = n + 6;
        return true;
    }
}
