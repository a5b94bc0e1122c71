using BotCapturer.Capture;

namespace BotCapturer.Benchmarks;

/// <summary>
/// Packets of a real capture held in memory for benchmarks: the first readable file of
/// <see cref="Candidates"/> under ../shared/captures, else the project's own data/sample.pcap.
/// </summary>
public sealed class BenchCapture
{
    private static readonly string[] Candidates =
    [
        "slips/test-cc-capture-1.pcap",        // TLS beacons: TCP with payload
        "stopddos/pkt.TCP.synflood.spoofed.pcap", // many small flows
    ];

    private BenchCapture(string path, List<(CaptureRecord Record, byte[] Frame)> packets)
    {
        Path = path;
        Packets = packets;
    }

    public string Path { get; }

    public List<(CaptureRecord Record, byte[] Frame)> Packets { get; }

    public static BenchCapture Load(string? name = null)
    {
        var paths = (name is null ? Candidates : [name]).Select(c => System.IO.Path.Combine(BenchData.SharedCaptures, c))
            .Append(System.IO.Path.Combine(BenchData.RepoRoot, "data", "sample.pcap"));
        var path = paths.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("no capture for the benchmark (needs ../shared/captures or data/sample.pcap)");
        return new BenchCapture(path, Read(path));
    }

    public static List<(CaptureRecord, byte[])> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var result = new List<(CaptureRecord, byte[])>();
        if (!CaptureFormat.TryCreate(bytes.AsSpan(0, Math.Min(bytes.Length, CaptureFormat.SniffLength)), out var parser, out var offset, out _))
        {
            return result;
        }

        while (offset < bytes.Length)
        {
            var status = parser!.TryRead(bytes.AsSpan(offset), out var record, out var used);
            if (status is ReadStatus.Error or ReadStatus.NeedMoreData)
            {
                break;
            }

            if (status == ReadStatus.Packet)
            {
                result.Add((record with { DataOffset = 0 }, bytes.AsSpan(offset + record.DataOffset, record.CapturedLength).ToArray()));
            }

            offset += used;
        }

        return result;
    }
}
