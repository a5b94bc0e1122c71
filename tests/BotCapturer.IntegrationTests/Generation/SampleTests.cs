using System.Security.Cryptography;
using BotCapturer.Capture;
using BotCapturer.Generation;

namespace BotCapturer.IntegrationTests.Generation;

/// <summary>The committed sample (data/sample.pcap) against the generator and against tshark/capinfos as references.</summary>
public sealed class SampleTests
{
    private static string SamplePath => Path.Combine(SharedData.RepoRoot, "data", "sample.pcap");

    private static string LabelsPath => Path.Combine(SharedData.RepoRoot, "data", "sample-labels.csv");

    [Fact]
    public void Regenerating_with_the_defaults_gives_the_committed_files_byte_for_byte()
    {
        using var capture = new MemoryStream();
        using var labels = new StringWriter();
        TrafficGenerator.Generate(new ScenarioOptions(), capture, labels, CancellationToken.None);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(SamplePath)), SHA256.HashData(capture.ToArray()));
        Assert.Equal(File.ReadAllText(LabelsPath), labels.ToString());
    }

    [SkippableFact]
    public void Tshark_reads_the_sample_without_malformed_packets_or_errors()
    {
        var tshark = SharedData.RequireTool("tshark");
        var (output, _) = Run(tshark, "-r", SamplePath, "-Y", "_ws.malformed || _ws.expert.severity >= \"error\"", "-T", "fields", "-e", "frame.number");
        Assert.Equal(string.Empty, output.Trim());
    }

    [SkippableFact]
    public void Capinfos_counts_the_packets_our_parser_counts()
    {
        var capinfos = SharedData.RequireTool("capinfos");
        var (output, _) = Run(capinfos, "-c", "-M", SamplePath);
        var line = output.Split('\n').Single(l => l.StartsWith("Number of packets:", StringComparison.Ordinal));
        var theirs = long.Parse(line.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(CountRecords(File.ReadAllBytes(SamplePath)), theirs);
    }

    [SkippableFact]
    public void Every_checksum_of_a_full_length_capture_verifies_in_tshark()
    {
        var tshark = SharedData.RequireTool("tshark");
        var path = Path.Combine(Path.GetTempPath(), $"botcapturer-gen-{Environment.ProcessId}.pcap");
        try
        {
            using (var file = File.Create(path))
            {
                TrafficGenerator.Generate(new ScenarioOptions { Duration = TimeSpan.FromMinutes(40), Seed = 5, SnapLength = 262_144 }, file, null, CancellationToken.None);
            }

            string[] checks = ["-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"];
            var (bad, _) = Run(tshark, [.. checks, "-r", path, "-Y", "ip.checksum.status == \"Bad\" || tcp.checksum.status == \"Bad\" || udp.checksum.status == \"Bad\" || icmp.checksum.status == \"Bad\" || _ws.malformed", "-T", "fields", "-e", "frame.number"]);
            Assert.Equal(string.Empty, bad.Trim());
            var (good, _) = Run(tshark, [.. checks, "-r", path, "-Y", "ip.checksum.status == \"Good\"", "-T", "fields", "-e", "frame.number"]);
            Assert.Equal(CountRecords(File.ReadAllBytes(path)), good.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            // full-length packets leave tshark nothing to warn about but resets and retransmitted SYNs
            var (warnings, _) = Run(tshark, [.. checks, "-r", path, "-Y", "_ws.expert.severity >= \"warning\" && !(tcp.flags.reset == 1) && !tcp.analysis.retransmission", "-T", "fields", "-e", "frame.number"]);
            Assert.Equal(string.Empty, warnings.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static long CountRecords(byte[] file)
    {
        Assert.True(PcapParser.TryCreate(file, out var parser, out var error), error);
        long count = 0;
        var offset = PcapParser.FileHeaderLength;
        while (offset < file.Length)
        {
            Assert.Equal(ReadStatus.Packet, parser!.TryRead(file.AsSpan(offset), out _, out var consumed));
            offset += consumed;
            count++;
        }

        return count;
    }

    private static (string Output, string Error) Run(string tool, params string[] arguments)
    {
        var (code, output, error) = ExternalTool.Run(tool, arguments);
        Assert.True(code == 0, $"{tool} exited with {code}: {error}");
        return (output, error);
    }
}
