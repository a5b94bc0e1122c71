using BotCapturer.Capture;
using BotCapturer.Generation;
using PacketDotNet;

namespace BotCapturer.IntegrationTests.Generation;

/// <summary>PacketDotNet, an independent decoder, finds every generated IPv4, TCP and UDP checksum valid.</summary>
public sealed class PacketDotNetChecksumTests
{
    [Fact]
    public void Generated_checksums_are_valid_for_PacketDotNet()
    {
        using var stream = new MemoryStream();
        TrafficGenerator.Generate(new ScenarioOptions { Duration = TimeSpan.FromMinutes(20), BenignHosts = 10, SnapLength = 262_144, Seed = 3 }, stream, null, CancellationToken.None);
        var file = stream.ToArray();
        Assert.True(PcapParser.TryCreate(file, out var parser, out var error), error);
        var offset = PcapParser.FileHeaderLength;
        var (tcp, udp, icmp) = (0, 0, 0);
        while (offset < file.Length)
        {
            Assert.Equal(ReadStatus.Packet, parser!.TryRead(file.AsSpan(offset), out var record, out var consumed));
            var frame = file.AsSpan(offset + record.DataOffset, record.CapturedLength).ToArray();
            offset += consumed;
            var packet = Packet.ParsePacket(LinkLayers.Ethernet, frame);
            var ip = packet.Extract<IPv4Packet>();
            Assert.NotNull(ip);
            Assert.True(ip.ValidIPChecksum, $"IPv4 checksum of record at {offset - consumed}");
            if (packet.Extract<TcpPacket>() is { } t)
            {
                Assert.True(t.ValidTcpChecksum, $"TCP checksum of record at {offset - consumed}");
                tcp++;
            }
            else if (packet.Extract<UdpPacket>() is { } u)
            {
                Assert.True(u.ValidUdpChecksum, $"UDP checksum of record at {offset - consumed}");
                udp++;
            }
            else if (packet.Extract<IcmpV4Packet>() is { } i)
            {
                Assert.True(i.ValidIcmpChecksum, $"ICMP checksum of record at {offset - consumed}");
                icmp++;
            }
        }

        Assert.True(tcp > 1000 && udp > 100, $"{tcp} TCP, {udp} UDP, {icmp} ICMP packets");
    }
}
