using System.Globalization;
using System.Text.RegularExpressions;
using BotCapturer.Decode;

namespace BotCapturer.IntegrationTests.Capture;

/// <summary>
/// Per-5-tuple packets and bytes of our flows (timeouts set very large) against <c>tshark -q -z conv,tcp -z conv,udp</c>.
/// tshark is run with IP reassembly off and tunnel dissectors (L2TP, GRE, VXLAN, GTP, Teredo) disabled, because the
/// engine deliberately reports the outer flow of a tunnel and puts only first fragments (which carry the ports) into
/// flows; with reassembly on, tshark attributes a datagram to its last fragment instead.
/// </summary>
public sealed partial class TsharkConversationTests
{
    private static readonly DecodeStatus[] Malformed =
    [
        DecodeStatus.Truncated, DecodeStatus.BadIpVersion, DecodeStatus.BadIpHeaderLength, DecodeStatus.BadIpLength,
        DecodeStatus.BadTcpHeaderLength, DecodeStatus.BadUdpLength, DecodeStatus.BadRecord,
    ];

    private static readonly string[] TsharkArgs =
    [
        "-q", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
        "--disable-protocol", "l2tp", "--disable-protocol", "gre", "--disable-protocol", "vxlan",
        "--disable-protocol", "gtp", "--disable-protocol", "teredo",
        "-z", "conv,tcp", "-z", "conv,udp",
    ];

    [SkippableFact]
    public async Task Tcp_and_udp_conversations_match_tshark()
    {
        SharedData.RequireShared();
        var tshark = SharedData.RequireTool("tshark");
        var problems = new List<string>();
        var exactFiles = 0;
        var conversations = 0;
        foreach (var file in SharedData.AllCaptures())
        {
            var (code, output, _) = ExternalTool.Run(tshark, ["-r", file, .. TsharkArgs]);
            var theirs = ParseConversations(output);
            if (code != 0 && theirs.Count == 0)
            {
                continue; // tshark cannot read it
            }

            var (result, flows) = await InProcess.FlowsAsync(file, InProcess.NoTimeouts);
            var ours = new Dictionary<string, (long Frames, long Bytes)>();
            foreach (var f in flows.Where(f => f.Protocol is 6 or 17))
            {
                var key = Key(f.Protocol == 6 ? "tcp" : "udp", f.Source.ToString(), f.SourcePort, f.Destination.ToString(), f.DestinationPort);
                var (frames, bytes) = ours.GetValueOrDefault(key);
                ours[key] = (frames + f.TotalPackets, bytes + f.TotalBytes);
            }

            // Where the capture has malformed packets we count and skip them; tshark dissects what it can. There,
            // every packet we put in a conversation must be in tshark's too (we may have fewer, never more).
            var malformed = Malformed.Any(s => result.Counters[s] > 0);
            exactFiles += malformed ? 0 : 1;
            foreach (var key in theirs.Keys.Union(ours.Keys))
            {
                conversations++;
                var has = theirs.TryGetValue(key, out var t);
                var (frames, bytes) = ours.GetValueOrDefault(key);
                var bytesAgree = has && Math.Abs(t.Bytes - bytes) < t.ByteUnit;
                var ok = malformed
                    ? has && frames <= t.Frames
                    : has && frames == t.Frames && bytesAgree;
                if (!ok)
                {
                    problems.Add($"{file}: {key}: tshark {(has ? $"{t.Frames} frames {t.Bytes} bytes" : "none")}, ours {frames} frames {bytes} bytes");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} conversations differ:\n" + string.Join('\n', problems.Take(40)));
        Assert.True(exactFiles > 100 && conversations > 10_000, $"compared only {exactFiles} files exactly, {conversations} conversations");
    }

    private static string Key(string proto, string a, int pa, string b, int pb) =>
        string.CompareOrdinal($"{a}:{pa}", $"{b}:{pb}") < 0 ? $"{proto} {a}:{pa} {b}:{pb}" : $"{proto} {b}:{pb} {a}:{pa}";

    /// <summary>Reads tshark 4's conversation tables; sizes of 10 kB and more are rounded by tshark, so each keeps its unit.</summary>
    private static Dictionary<string, (long Frames, long Bytes, long ByteUnit)> ParseConversations(string output)
    {
        var result = new Dictionary<string, (long, long, long)>();
        string? proto = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("TCP Conversations", StringComparison.Ordinal))
            {
                proto = "tcp";
            }
            else if (line.StartsWith("UDP Conversations", StringComparison.Ordinal))
            {
                proto = "udp";
            }

            var m = ConversationLine().Match(line);
            if (proto is null || !m.Success)
            {
                continue;
            }

            var unit = m.Groups["unit"].Value switch
            {
                "kB" => 1_000L,
                "MB" => 1_000_000L,
                "GB" => 1_000_000_000L,
                _ => 1L,
            };
            var key = Key(proto, m.Groups["a"].Value, int.Parse(m.Groups["pa"].Value, CultureInfo.InvariantCulture), m.Groups["b"].Value, int.Parse(m.Groups["pb"].Value, CultureInfo.InvariantCulture));
            var frames = long.Parse(m.Groups["frames"].Value, CultureInfo.InvariantCulture);
            var bytes = long.Parse(m.Groups["bytes"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) * unit;
            // tshark lists a reused 5-tuple once per TCP stream: add them up, as the test compares per 5-tuple
            var (f0, b0, u0) = result.GetValueOrDefault(key);
            result[key] = (f0 + frames, b0 + bytes, Math.Max(u0, unit));
        }

        return result;
    }

    // "a:pa <-> b:pb   <-frames <-bytes unit   ->frames ->bytes unit   total-frames total-bytes unit ..."
    [GeneratedRegex(@"^(?<a>\S+):(?<pa>\d+)\s+<->\s+(?<b>\S+):(?<pb>\d+)\s+\d+\s+[\d,]+\s+\w+\s+\d+\s+[\d,]+\s+\w+\s+(?<frames>\d+)\s+(?<bytes>[\d,]+)\s+(?<unit>\w+)")]
    private static partial Regex ConversationLine();
}
