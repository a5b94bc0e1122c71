using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Net;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace BotCapturer.IntegrationTests.Capture;

/// <summary>
/// The span decoder against SharpPcap (libpcap reading the file) and PacketDotNet (dissecting each frame), packet by
/// packet: same record count, timestamps, captured lengths, and, where both decode a TCP or UDP packet, the same 5-tuple.
/// Where libpcap reads a different number of records than capinfos (Wireshark's reader), libpcap's pcapng support is
/// the odd one out (it refuses several interfaces with different link types, for example) and the file is not compared.
/// SharpPcap's <c>RawCapture.PacketLength</c> is the captured length, so original lengths are checked against capinfos
/// and tshark by the other tests instead. pcapng Simple Packet Blocks have no timestamp: libpcap gives 0, we give the
/// previous packet's time (so flows do not jump to 1970), and those are not compared; nor are records whose timestamp
/// fraction is out of range (we count them as bad records; libpcap reads the fraction as signed).
/// </summary>
public sealed class ReferenceDecoderTests
{
    [SkippableFact]
    public void Every_packet_matches_sharppcap_and_packetdotnet()
    {
        SharedData.RequireShared();
        var problems = new List<string>();
        long compared = 0;
        foreach (var file in SharedData.AllCaptures())
        {
            List<RawCapture> reference;
            try
            {
                reference = ReadWithLibpcap(file);
            }
            catch (PcapException)
            {
                continue; // libpcap cannot read this file: no reference
            }

            var ours = ReadWithOurParser(file);
            if (ours.Count != reference.Count)
            {
                if (CapinfosCount(file) == ours.Count)
                {
                    continue; // libpcap disagrees with both Wireshark and us: no reference for this file
                }

                problems.Add($"{file}: libpcap read {reference.Count} records, we read {ours.Count}");
                continue;
            }

            for (var i = 0; i < ours.Count; i++)
            {
                var (record, frame, bad) = ours[i];
                var raw = reference[i];
                var theirMicros = ((long)raw.Timeval.Seconds * 1_000_000) + (long)raw.Timeval.MicroSeconds;
                if ((theirMicros != 0 && !bad && record.TimestampNs / 1000 != theirMicros) || record.CapturedLength != raw.Data.Length || !frame.AsSpan().SequenceEqual(raw.Data))
                {
                    problems.Add($"{file} #{i + 1}: ts/len/bytes ours {record.TimestampNs / 1000}/{record.CapturedLength}, libpcap {theirMicros}/{raw.Data.Length}");
                    continue;
                }

                if (PacketDecoder.Decode(record.LinkType, frame, record.OriginalLength, out var p) != DecodeStatus.Ok || p.Protocol is not (6 or 17))
                {
                    continue;
                }

                if (!TryDissect(raw, out var ip, out var transport))
                {
                    continue; // PacketDotNet cannot dissect it (tunnels, link types it lacks): no reference
                }

                compared++;
                var same = HostAddress.FromIPAddress(ip!.SourceAddress) == p.Source && HostAddress.FromIPAddress(ip.DestinationAddress) == p.Destination
                    && transport!.SourcePort == p.SourcePort && transport.DestinationPort == p.DestinationPort && (byte)ip.Protocol == p.Protocol;
                if (!same)
                {
                    problems.Add($"{file} #{i + 1}: ours {p.Source}:{p.SourcePort} -> {p.Destination}:{p.DestinationPort}/{p.Protocol}, PacketDotNet {ip.SourceAddress}:{transport!.SourcePort} -> {ip.DestinationAddress}:{transport.DestinationPort}/{ip.Protocol}");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} differences:\n" + string.Join('\n', problems.Take(40)));
        Assert.True(compared > 50_000, $"only {compared} packets compared");
    }

    private static long CapinfosCount(string file)
    {
        var (_, output, _) = ExternalTool.Run(SharedData.RequireTool("capinfos"), ["-c", "-M", file]);
        var m = System.Text.RegularExpressions.Regex.Match(output, @"Number of packets:\s*(\d+)");
        return m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    private static List<RawCapture> ReadWithLibpcap(string file)
    {
        using var device = new CaptureFileReaderDevice(file);
        device.Open();
        var packets = new List<RawCapture>();
        while (device.GetNextPacket(out var capture) == GetPacketStatus.PacketRead)
        {
            packets.Add(capture.GetPacket());
        }

        return packets;
    }

    private static List<(CaptureRecord Record, byte[] Frame, bool Bad)> ReadWithOurParser(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var result = new List<(CaptureRecord, byte[], bool)>();
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

            if (status is ReadStatus.Packet or ReadStatus.BadRecord)
            {
                result.Add((record, bytes.AsSpan(offset + record.DataOffset, record.CapturedLength).ToArray(), status == ReadStatus.BadRecord));
            }

            offset += used;
        }

        return result;
    }

    private static bool TryDissect(RawCapture raw, out IPPacket? ip, out TransportPacket? transport)
    {
        ip = null;
        transport = null;
        try
        {
            var packet = Packet.ParsePacket(raw.LinkLayerType, raw.Data);
            // The transport directly inside the first IP header: Extract<TcpPacket>() would find a tunnel's inner one.
            ip = packet.Extract<IPPacket>();
            transport = ip?.PayloadPacket as TransportPacket;
            return ip is not null && transport is not null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false; // PacketDotNet throws on malformed frames; those have no reference
        }
    }
}
