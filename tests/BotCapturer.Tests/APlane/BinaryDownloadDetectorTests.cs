using System.Buffers.Binary;
using BotCapturer.APlane;
using static BotCapturer.Tests.APlane.TestFlows;

namespace BotCapturer.Tests.APlane;

public class BinaryDownloadDetectorTests
{
    internal static byte[] Pe(int peOffset = 0x80, ushort machine = 0x014C, bool validSignature = true)
    {
        var image = new byte[512];
        image[0] = (byte)'M';
        image[1] = (byte)'Z';
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x3C), (uint)peOffset);
        if (validSignature)
        {
            "PE\0\0"u8.CopyTo(image.AsSpan(peOffset));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(peOffset + 4), machine);
        for (var i = peOffset + 6; i < image.Length; i++)
        {
            image[i] = (byte)(i * 7);
        }

        return image;
    }

    internal static byte[] Elf(byte bits = 1, byte order = 2, ushort machine = 8)
    {
        var image = new byte[300];
        "\u007fELF"u8.CopyTo(image);
        (image[4], image[5], image[6]) = (bits, order, 1);
        if (order == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(18), machine);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(image.AsSpan(18), machine);
        }

        for (var i = 20; i < image.Length; i++)
        {
            image[i] = (byte)(i * 13);
        }

        return image;
    }

    private static byte[] HttpResponse(byte[] body, string extraHeaders = "") =>
        [.. Ascii($"HTTP/1.1 200 OK\r\nServer: Apache\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\n{extraHeaders}\r\n"), .. body];

    [Fact]
    public void Pe_in_an_http_body_is_a_download_by_the_client()
    {
        var detector = new BinaryDownloadDetector();
        detector.Observe(Connection("10.0.2.16", "81.169.145.69", 80, T0, Second, Ascii("GET /bn43.exe HTTP/1.0\r\n\r\n"), HttpResponse(Pe()), serverBytes: 303890));

        var activity = Assert.Single(detector.Complete());
        Assert.Equal(ActivityType.BinaryDownload, activity.Type);
        Assert.Equal(Ip("10.0.2.16"), activity.Host);
        Assert.Equal("81.169.145.69:80 PE i386", activity.Target);
        Assert.Equal(Ip("81.169.145.69"), activity.TargetHost);
        Assert.Equal(((ushort?)80, (ushort?)80), (activity.PortLow, activity.PortHigh));
        Assert.StartsWith("binary:", activity.ClusterKey, StringComparison.Ordinal);
        Assert.Contains("GET /bn43.exe HTTP/1.0", activity.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Elf_over_raw_tcp_and_chunked_http_is_found()
    {
        var detector = new BinaryDownloadDetector();
        detector.Observe(Connection("192.168.1.196", "104.248.160.24", 4444, T0, Second, Ascii("x"), Elf()));
        var chunked = HttpResponse([.. Ascii("12c\r\n"), .. Elf(2, 1, 62)], "Transfer-Encoding: chunked\r\n");
        detector.Observe(Connection("192.168.1.196", "104.248.160.24", 80, T0, Second, Ascii("GET /x HTTP/1.1\r\n\r\n"), chunked));

        var kinds = detector.Complete().Select(a => a.Target).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["104.248.160.24:4444 ELF32 MSB mips", "104.248.160.24:80 ELF64 LSB x86-64"], kinds);
    }

    [Fact]
    public void Mz_without_a_pe_signature_or_text_is_not_a_binary()
    {
        var detector = new BinaryDownloadDetector();
        detector.Observe(Connection("10.0.0.1", "10.0.0.2", 80, T0, Second, null, HttpResponse(Pe(validSignature: false))));
        detector.Observe(Connection("10.0.0.1", "10.0.0.2", 80, T0, Second, null, HttpResponse(Ascii("MZ is a fine start for a page of text, but no more than that ........."))));
        detector.Observe(Connection("10.0.0.1", "10.0.0.2", 80, T0, Second, null, HttpResponse(Ascii("<html><body>hello</body></html>"))));
        // The executable is sent by the client (an upload), not downloaded.
        detector.Observe(Connection("10.0.0.1", "10.0.0.2", 80, T0, Second, [.. Ascii("POST /u HTTP/1.1\r\n\r\n"), .. Pe()], HttpResponse(Ascii("ok"))));

        Assert.Empty(detector.Complete());
    }

    [Fact]
    public void Pe_header_beyond_the_visible_bytes_still_counts()
    {
        Assert.Equal("PE (header beyond the visible bytes)", ExecutableHeader.Describe(Pe(peOffset: 0x100).AsSpan(0, 0x80)));
        Assert.Null(ExecutableHeader.Describe(Pe().AsSpan(0, 0x30)));
    }

    [Fact]
    public void The_same_binary_from_two_servers_has_one_cluster_key()
    {
        var detector = new BinaryDownloadDetector();
        detector.Observe(Connection("10.0.0.1", "198.51.100.1", 80, T0, Second, null, HttpResponse(Elf())));
        detector.Observe(Connection("10.0.0.2", "198.51.100.2", 80, T0, Second, null, [.. Ascii("HTTP/1.1 200 OK\r\nX-Other: header\r\n\r\n"), .. Elf()]));
        detector.Observe(Connection("10.0.0.3", "198.51.100.2", 80, T0, Second, null, HttpResponse(Elf(machine: 40))));

        var keys = detector.Complete().GroupBy(a => a.ClusterKey).Select(g => g.Count()).Order().ToArray();
        Assert.Equal([1, 2], keys);
    }
}
