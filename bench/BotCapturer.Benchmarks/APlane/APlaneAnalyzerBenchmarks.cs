using System.Text;
using BenchmarkDotNet.Attributes;
using BotCapturer.APlane;
using BotCapturer.Decode;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Benchmarks.APlane;

/// <summary>
/// A-plane cost per flow: 100k generated flows (half web connections with 1 KiB-like payload prefixes, a quarter
/// failed SYNs, a quarter UDP), all five detectors with the built-in signatures, then A-clustering.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class APlaneAnalyzerBenchmarks
{
    private Flow[] _flows = [];
    private APlaneOptions _options = APlaneOptions.Default;

    [GlobalSetup]
    public void Setup()
    {
        _options = APlaneOptions.Default with { Signatures = SignatureFiles.BuiltIn() };
        var random = new Random(7);
        var request = Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: example.org\r\nUser-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n");
        var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 900\r\n\r\n" + new string('x', 900));
        const long second = 1_000_000_000L;
        _flows = new Flow[100_000];
        for (var i = 0; i < _flows.Length; i++)
        {
            var src = HostAddress.FromIPv4(0x0A00_0000u | (uint)random.Next(1, 2000));
            var dst = HostAddress.FromIPv4((uint)random.Next(0x0B00_0000, 0x7F00_0000) * 2u);
            var t = 1_700_000_000L * second + i * (second / 100);
            _flows[i] = (i % 4) switch
            {
                0 or 1 => Flow.Create((byte)IpProtocol.Tcp, src, 50000, dst, 80, t, t + second, 6, 600, 6, 1400,
                    TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin, TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin, request.Length, response.Length, request, response),
                2 => Flow.Create((byte)IpProtocol.Tcp, src, 50000, dst, (ushort)random.Next(1, 1024), t, t + second, 1, 60, 0, 0, TcpFlags.Syn),
                _ => Flow.Create((byte)IpProtocol.Udp, src, 50000, dst, 53, t, t + second / 10, 1, 80, 1, 120),
            };
        }
    }

    [Benchmark]
    public int ObserveAndComplete()
    {
        var analyzer = new APlaneAnalyzer(_options);
        foreach (var flow in _flows)
        {
            analyzer.Observe(flow);
        }

        return analyzer.Complete().Activities.Count;
    }
}
