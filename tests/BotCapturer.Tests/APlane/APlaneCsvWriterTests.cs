using BotCapturer.APlane;
using BotCapturer.Engine.Analysis.APlane;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public class APlaneCsvWriterTests
{
    [Fact]
    public async Task Sink_finds_activities_and_the_writer_quotes_fields()
    {
        var sink = new ActivitySink(APlaneOptions.Default with { Signatures = SignatureFiles.BuiltIn() });
        var flows = Enumerable.Range(0, 30).Select(i => FailedTcp("192.168.1.5", Spread(i), 23, T0 + i * Second)).ToList();
        flows.Add(Connection("192.168.1.5", "198.51.100.1", 80, T0, Second, Ascii("GET /api/pop?botid=a,b&sysinfo=x HTTP/1.1\r\n\r\n"), null));
        await sink.ConsumeAsync(flows, CancellationToken.None);
        await sink.CompleteAsync(CancellationToken.None);

        Assert.Equal(2, sink.Result.Activities.Count);
        var folder = Path.Combine(Path.GetTempPath(), "botcapturer-aplane-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (activities, clusters) = await APlaneCsvWriter.WriteAsync(folder, sink.Result, CancellationToken.None);
            var rows = await File.ReadAllLinesAsync(activities);
            Assert.Equal("type,host,target,cluster_id,cluster_key,start,end,count,weight,evidence", rows[0]);
            Assert.Equal(3, rows.Length);
            Assert.StartsWith("scan,192.168.1.5,horizontal tcp/23 *,1,horizontal:tcp/23:*,1700000000.000000,1700000029.000000,30,1,", rows[1], StringComparison.Ordinal);
            Assert.EndsWith("\"Ares signature ares-c2-poll matched 1 flow(s) with 1 peer(s), e.g. 198.51.100.1 port 80\"", rows[2], StringComparison.Ordinal);
            var clusterRows = await File.ReadAllLinesAsync(clusters);
            Assert.Equal("id,type,key,target,weight,host_count,activity_count,start,end,hosts", clusterRows[0]);
            Assert.Equal("2,signature,signature:ares-c2-poll,ares-c2-poll (Ares),2,1,1,1700000000.000000,1700000001.000000,192.168.1.5", clusterRows[2]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
