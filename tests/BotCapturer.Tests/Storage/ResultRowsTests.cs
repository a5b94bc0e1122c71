using System.Buffers;
using System.Text;
using BotCapturer.APlane;
using BotCapturer.CPlane;
using BotCapturer.Net;
using BotCapturer.Storage.MySql.Results;
using BotCapturer.Storage.MySql.Tsv;
using BotCapturer.Tests.CPlane;

namespace BotCapturer.Tests.Storage;

/// <summary>The TSV rows run --group streams into cflows, activities and aclusters (schema 003).</summary>
public sealed class ResultRowsTests
{
    private const long Minute = 60_000_000_000;

    [Fact]
    public void A_cflow_row_has_its_key_counts_cluster_and_vectors_that_read_back_exactly()
    {
        var aggregator = CFlowVectorizerTests.SmallSet();
        var result = CPlaneClusterer.Cluster(CFlowVectorizer.Vectorize(aggregator), aggregator.Options);
        var rows = CFlowRows.Of(result).ToList();
        Assert.Equal(result.Vectors.Vectors.Count, rows.Count);

        // C-flow A of SmallSet: flows at 0, 10 and 130 min to 203.0.113.5:443, fph windows [2, 0, 1] (mean 1).
        var (id, a, cluster, epochStart) = rows.Single(r => r.Vector.Key.DestinationPort == 443);
        var writer = new ArrayBufferWriter<byte>();
        CFlowRows.Write(writer, 7, id, a, cluster, epochStart);
        var line = writer.WrittenSpan.ToArray();
        Assert.Single(line, b => b == (byte)'\n');
        var fields = TsvWriterTests.Split(line[..^1]);
        Assert.Equal(CFlowRows.Columns.Length, fields.Count);
        byte[] Raw(string column) => TsvWriterTests.Unescape(fields[Array.IndexOf(CFlowRows.Columns, column)]);
        string Field(string column) => Encoding.ASCII.GetString(Raw(column));

        Assert.Equal("7", Field("group_id"));
        Assert.Equal("6", Field("proto"));
        Assert.Equal(new byte[] { 192, 168, 1, 10 }, Raw("src"));
        Assert.Equal(new byte[] { 203, 0, 113, 5 }, Raw("dst"));
        Assert.Equal("443", Field("dport"));
        Assert.Equal("0", Field("epoch"));
        Assert.Equal("0", Field("epoch_start_ns"));
        Assert.Equal("3", Field("flows"));
        Assert.Equal("3", Field("windows"));
        Assert.Equal("1", Field("fph"));
        Assert.Equal(cluster.ToString(System.Globalization.CultureInfo.InvariantCulture), Field("cluster_id"));

        var vector = Raw("vector");
        Assert.Equal(CFlowRows.VectorBytes, vector.Length);
        Assert.Equal(a.Fractions, CFlowRows.ReadVector(vector));
        var counts = Raw("counts");
        Assert.Equal(CFlowRows.CountsBytes, counts.Length);
        Assert.Equal(a.Counts, Enumerable.Range(0, CFlowVector.Dimensions).Select(i => BitConverter.ToInt32(counts, i * 4)));
        Assert.Equal(a.Reduced, CFlowRows.ReadReduced(Raw("reduced")));
    }

    [Fact]
    public void Dbscan_noise_is_a_null_cluster_and_later_epochs_start_at_their_epoch()
    {
        var aggregator = new CFlowAggregator(new CPlaneOptions { Epoch = TimeSpan.FromHours(1), FphWindow = TimeSpan.FromMinutes(10) });
        var key = new CFlowKey(17, HostAddress.Parse("10.1.1.1"), HostAddress.Parse("2001:db8::53"), 53);
        aggregator.Add(key, new FlowSample(1_000, 1, 80, 10));
        aggregator.Add(key, new FlowSample(1_000 + (90 * Minute), 1, 80, 10));
        var set = CFlowVectorizer.Vectorize(aggregator);
        Assert.Equal([0, 1], set.Vectors.Select(v => v.Key.Epoch));
        Assert.Equal(1_000 + (60 * Minute), set.EpochStartNs(1));

        var writer = new ArrayBufferWriter<byte>();
        CFlowRows.Write(writer, 1, 1, set.Vectors[1], -1, set.EpochStartNs(1));
        var fields = TsvWriterTests.Split(writer.WrittenSpan[..^1].ToArray());
        Assert.Equal("\\N", Encoding.ASCII.GetString(fields[Array.IndexOf(CFlowRows.Columns, "cluster_id")]));
        Assert.Equal(16, TsvWriterTests.Unescape(fields[Array.IndexOf(CFlowRows.Columns, "dst")]).Length);
        Assert.Equal("3600000001000", Encoding.ASCII.GetString(fields[Array.IndexOf(CFlowRows.Columns, "epoch_start_ns")]));
    }

    [Fact]
    public void An_activity_row_keeps_text_with_tabs_and_newlines_and_null_for_what_it_lacks()
    {
        var spam = new Activity(ActivityType.Spam, HostAddress.Parse("10.0.0.5"), "12 mail servers", "smtp", 10, 20, 12, "line\tone\nline two \u00fc", 1.5);
        var writer = new ArrayBufferWriter<byte>();
        APlaneRows.WriteActivity(writer, 3, 0, spam, 4);
        var line = writer.WrittenSpan.ToArray();
        Assert.Single(line, b => b == (byte)'\n');
        var fields = TsvWriterTests.Split(line[..^1]);
        Assert.Equal(APlaneRows.ActivityColumns.Length, fields.Count);
        string Field(string column) => Encoding.UTF8.GetString(TsvWriterTests.Unescape(fields[Array.IndexOf(APlaneRows.ActivityColumns, column)]));
        string Stored(string column) => Encoding.ASCII.GetString(fields[Array.IndexOf(APlaneRows.ActivityColumns, column)]);
        Assert.Equal("spam", Field("kind"));
        Assert.Equal("12 mail servers", Field("target"));
        Assert.Equal("\\N", Stored("target_host"));
        Assert.Equal("\\N", Stored("port_low"));
        Assert.Equal("\\N", Stored("port_high"));
        Assert.Equal("4", Field("cluster_id"));
        Assert.Equal("smtp", Field("cluster_key"));
        Assert.Equal("12", Field("events"));
        Assert.Equal("1.5", Field("weight"));
        Assert.Equal("line\tone\nline two \u00fc", Field("detail"));

        var scan = spam with { Type = ActivityType.Scan, TargetHost = HostAddress.Parse("172.20.5.7"), PortLow = 1, PortHigh = 100 };
        writer.ResetWrittenCount();
        APlaneRows.WriteActivity(writer, 3, 1, scan, 0);
        fields = TsvWriterTests.Split(writer.WrittenSpan[..^1].ToArray());
        Assert.Equal("scan", Field("kind"));
        Assert.Equal(new byte[] { 172, 20, 5, 7 }, TsvWriterTests.Unescape(fields[Array.IndexOf(APlaneRows.ActivityColumns, "target_host")]));
        Assert.Equal(("1", "100"), (Field("port_low"), Field("port_high")));
    }

    [Fact]
    public void An_acluster_row_has_its_type_key_target_and_weight()
    {
        var cluster = new ACluster(2, ActivityType.BinaryDownload, "binary:ab12/64", "81.169.145.69:80 PE i386", [HostAddress.Parse("10.0.2.16"), HostAddress.Parse("10.0.2.17")], 2, 3, 5, 9);
        var writer = new ArrayBufferWriter<byte>();
        APlaneRows.WriteCluster(writer, 8, cluster);
        Assert.Equal("8\t2\tbinary_download\tbinary:ab12/64\t81.169.145.69:80 PE i386\t2\t2\t3\t5\t9\n", Encoding.ASCII.GetString(writer.WrittenSpan));
        Assert.Equal(APlaneRows.ClusterColumns.Length, TsvWriterTests.Split(writer.WrittenSpan[..^1].ToArray()).Count);
    }

    [Fact]
    public void A_row_stream_makes_rows_on_demand_and_counts_them()
    {
        var items = Enumerable.Range(0, 50_000);
        using var stream = new TsvRowStream<int>(items, (w, i) => TsvWriter.Int64(w, i, (byte)'\n'));
        Assert.Equal(0, stream.Rows);
        var read = new MemoryStream();
        var small = new byte[7];
        var n = stream.Read(small, 0, small.Length);
        Assert.InRange(stream.Rows, 1, 49_999); // about 64 KiB of rows at a time, not all 50,000 (290 KB)
        do
        {
            read.Write(small, 0, n);
        }
        while ((n = stream.Read(small, 0, small.Length)) > 0);

        Assert.Equal(50_000, stream.Rows);
        Assert.Equal(string.Concat(items.Select(i => i + "\n")), Encoding.ASCII.GetString(read.ToArray()));
        Assert.Equal(0, stream.Read(small, 0, small.Length));
    }

    [Fact]
    public void An_empty_row_stream_is_empty()
    {
        using var stream = new TsvRowStream<int>([], (w, i) => TsvWriter.Int64(w, i, (byte)'\n'));
        Assert.Equal(0, stream.Read(new byte[16], 0, 16));
        Assert.Equal(0, stream.Rows);
    }

    [Fact]
    public void The_overwrite_refusal_is_one_line_naming_the_option()
    {
        var message = ResultStore.OverwriteMessage(4, new DateTime(2026, 11, 28, 3, 40, 12, DateTimeKind.Utc));
        Assert.Equal("group 4 already has results (saved 2026-11-28 03:40:12 UTC); pass --overwrite to replace them", message);
        Assert.DoesNotContain('\n', ResultStore.OverwriteMessage(4, null));
    }
}
