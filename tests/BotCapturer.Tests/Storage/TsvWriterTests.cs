using System.Buffers;
using System.Text;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;
using BotCapturer.Storage.MySql.Tsv;

namespace BotCapturer.Tests.Storage;

public sealed class TsvWriterTests
{
    [Fact]
    public void Every_byte_value_survives_escaping_as_load_data_reads_it()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var writer = new ArrayBufferWriter<byte>();
        TsvWriter.Binary(writer, all, (byte)'\n');
        var written = writer.WrittenSpan;
        Assert.Equal((byte)'\n', written[^1]);
        var field = written[..^1];
        Assert.DoesNotContain((byte)'\t', field.ToArray());
        Assert.DoesNotContain((byte)'\n', field.ToArray());
        Assert.Equal(all, Unescape(field));
    }

    [Theory]
    [InlineData(new byte[] { 0x5C }, "\\\\")]
    [InlineData(new byte[] { 0x09, 0x0A, 0x0D, 0x00 }, "\\t\\n\\r\\0")]
    [InlineData(new byte[] { 0x4E }, "N")]
    [InlineData(new byte[] { 0x5C, 0x4E }, "\\\\N")] // a backslash then N is data, never NULL
    public void Escapes_are_the_ones_load_data_knows(byte[] value, string expected)
    {
        var writer = new ArrayBufferWriter<byte>();
        TsvWriter.Binary(writer, value, (byte)'\t');
        Assert.Equal(expected + "\t", Encoding.ASCII.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void A_flow_row_has_every_column_once_and_null_for_a_missing_payload()
    {
        var flow = Flow.Create(6, HostAddress.Parse("10.0.0.9"), 51000, HostAddress.Parse("10.0.0.1"), 80, -5, long.MaxValue, 3, 180, 2, 120,
            TcpFlags.Syn | TcpFlags.Ack, TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst, 10, 0, [0x09, 0x0A, 0x5C, 0x47], null, FlowEnd.Reset,
            sourceSentSyn: true, destinationSentSynAck: true, mayContinueLater: true);
        var writer = new ArrayBufferWriter<byte>();
        FlowRows.Write(writer, 56, flow);
        var line = writer.WrittenSpan.ToArray();
        Assert.Equal((byte)'\n', line[^1]);
        Assert.Single(line, b => b == (byte)'\n');
        var fields = Split(line[..^1]);
        Assert.Equal(FlowRows.Columns.Length, fields.Count);
        string Field(string column) => Encoding.Latin1.GetString(fields[Array.IndexOf(FlowRows.Columns, column)]);
        Assert.Equal("56", Field("seq"));
        Assert.Equal("-5", Field("start_ns"));
        Assert.Equal(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), Field("end_ns"));
        Assert.Equal(AddressBytes.ToArray(HostAddress.Parse("10.0.0.9")), Unescape(fields[Array.IndexOf(FlowRows.Columns, "src")]));
        Assert.Equal("RSTR", Field("state"));
        Assert.Equal("1", Field("continues_later"));
        Assert.Equal("0", Field("continues_earlier"));
        Assert.Equal(new byte[] { 0x09, 0x0A, 0x5C, 0x47 }, Unescape(fields[Array.IndexOf(FlowRows.Columns, "src_payload")]));
        Assert.Equal("\\N", Field("dst_payload"));
    }

    [Fact]
    public void Addresses_are_stored_as_inet6_aton_stores_them_and_read_back()
    {
        foreach (var (text, length) in new[] { ("192.0.2.7", 4), ("0.0.0.0", 4), ("::ffff:10.1.2.3", 4), ("2001:db8::1", 16), ("::", 16), ("::1", 16) })
        {
            var address = HostAddress.Parse(text);
            var bytes = AddressBytes.ToArray(address);
            Assert.Equal(length, bytes.Length);
            Assert.Equal(address, AddressBytes.Read(bytes));
        }

        Assert.Equal(new byte[] { 192, 0, 2, 7 }, AddressBytes.ToArray(HostAddress.Parse("192.0.2.7")));
    }

    /// <summary>Splits at the raw tabs of a line; escaped tabs are not separators.</summary>
    internal static List<byte[]> Split(byte[] line)
    {
        var fields = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == (byte)'\t')
            {
                fields.Add(line[start..i]);
                start = i + 1;
            }
            else if (line[i] == (byte)'\\')
            {
                i++;
            }
        }

        return fields;
    }

    /// <summary>What the server does with ESCAPED BY '\\' (MariaDB "LOAD DATA INFILE": \0 \b \n \r \t \Z, else the character itself).</summary>
    internal static byte[] Unescape(ReadOnlySpan<byte> field)
    {
        var result = new List<byte>();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != (byte)'\\')
            {
                result.Add(field[i]);
                continue;
            }

            var c = field[++i];
            result.Add(c switch
            {
                (byte)'0' => 0,
                (byte)'b' => 8,
                (byte)'n' => 10,
                (byte)'r' => 13,
                (byte)'t' => 9,
                (byte)'Z' => 26,
                _ => c,
            });
        }

        return [.. result];
    }
}
