using System.Buffers;
using System.Globalization;
using System.Text;

namespace BotCapturer.Storage.MySql.Tsv;

/// <summary>
/// Writes fields in the text format <c>LOAD DATA ... FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED BY
/// '\n'</c> reads (MariaDB/MySQL reference, "LOAD DATA": escape sequences \0 \b \n \r \t \Z \\ and \N for NULL), with
/// <c>CHARACTER SET binary</c>: values go byte for byte, so binary columns (addresses, payload prefixes) need only
/// the bytes that would end a field or line, or start an escape, escaped. Nothing is quoted.
/// </summary>
internal static class TsvWriter
{
    /// <summary>The most bytes one escaped byte can take.</summary>
    public const int MaxEscapedByteLength = 2;

    /// <summary>The most bytes a 64-bit integer and its separator take.</summary>
    public const int MaxIntegerFieldLength = 21;

    public static void Int64(IBufferWriter<byte> writer, long value, byte separator)
    {
        var span = writer.GetSpan(MaxIntegerFieldLength);
        value.TryFormat(span, out var written);
        span[written++] = separator;
        writer.Advance(written);
    }

    public static void UInt64(IBufferWriter<byte> writer, ulong value, byte separator)
    {
        var span = writer.GetSpan(MaxIntegerFieldLength);
        value.TryFormat(span, out var written);
        span[written++] = separator;
        writer.Advance(written);
    }

    public static void Bool(IBufferWriter<byte> writer, bool value, byte separator)
    {
        var span = writer.GetSpan(2);
        span[0] = value ? (byte)'1' : (byte)'0';
        span[1] = separator;
        writer.Advance(2);
    }

    /// <summary>An ASCII text value that holds no tab, newline or backslash (state codes).</summary>
    public static void Ascii(IBufferWriter<byte> writer, string value, byte separator)
    {
        var span = writer.GetSpan(value.Length + 1);
        for (var i = 0; i < value.Length; i++)
        {
            span[i] = (byte)value[i];
        }

        span[value.Length] = separator;
        writer.Advance(value.Length + 1);
    }

    /// <summary>A double in round-trip form; NaN and infinities (which DOUBLE columns cannot hold) as NULL.</summary>
    public static void Double(IBufferWriter<byte> writer, double value, byte separator)
    {
        if (!double.IsFinite(value))
        {
            Null(writer, separator);
            return;
        }

        var span = writer.GetSpan(32 + 1);
        value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
        span[written++] = separator;
        writer.Advance(written);
    }

    /// <summary>Any text, as UTF-8 with the bytes that would end a field or line, or start an escape, escaped.</summary>
    public static void Text(IBufferWriter<byte> writer, string value, byte separator)
    {
        var utf8 = Encoding.UTF8.GetMaxByteCount(value.Length) <= 256 ? stackalloc byte[256] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var n = Encoding.UTF8.GetBytes(value, utf8);
        Binary(writer, utf8[..n], separator);
    }

    public static void Null(IBufferWriter<byte> writer, byte separator)
    {
        var span = writer.GetSpan(3);
        span[0] = (byte)'\\';
        span[1] = (byte)'N';
        span[2] = separator;
        writer.Advance(3);
    }

    /// <summary>Binary bytes, escaped; an empty span is an empty value (not NULL).</summary>
    public static void Binary(IBufferWriter<byte> writer, ReadOnlySpan<byte> value, byte separator)
    {
        var span = writer.GetSpan((value.Length * MaxEscapedByteLength) + 1);
        var n = Escape(value, span);
        span[n++] = separator;
        writer.Advance(n);
    }

    /// <summary>Escapes <paramref name="value"/> into <paramref name="destination"/> (at least twice as long); returns the bytes written.</summary>
    public static int Escape(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var n = 0;
        foreach (var b in value)
        {
            switch (b)
            {
                case 0:
                    destination[n++] = (byte)'\\';
                    destination[n++] = (byte)'0';
                    break;
                case (byte)'\t':
                    destination[n++] = (byte)'\\';
                    destination[n++] = (byte)'t';
                    break;
                case (byte)'\n':
                    destination[n++] = (byte)'\\';
                    destination[n++] = (byte)'n';
                    break;
                case (byte)'\r':
                    destination[n++] = (byte)'\\';
                    destination[n++] = (byte)'r';
                    break;
                case (byte)'\\':
                    destination[n++] = (byte)'\\';
                    destination[n++] = (byte)'\\';
                    break;
                default:
                    destination[n++] = b;
                    break;
            }
        }

        return n;
    }
}
