using System.Text;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.Generation;

/// <summary>
/// The default scenario, read back through the project's parser, decoder and flow table: the labelled hosts are
/// there and do what the scenario says, visibly in their flows.
/// </summary>
public sealed class ScenarioTests(DefaultSample sample) : IClassFixture<DefaultSample>
{
    private HashSet<HostAddress> Hosts(string role, string family) =>
        sample.Summary.Labels.Where(l => l.Role == role && l.Family == family).Select(l => HostAddress.Parse(l.Host)).ToHashSet();

    private HashSet<HostAddress> AllBots => sample.Summary.Labels.Where(l => l.Role == "bot").Select(l => HostAddress.Parse(l.Host)).ToHashSet();

    private IEnumerable<Flow> BenignFlows => sample.Flows.Where(f => f.Source.ToString()!.StartsWith("10.1.", StringComparison.Ordinal) && !AllBots.Contains(f.Source));

    [Fact]
    public void Labels_list_every_bot_and_both_command_servers()
    {
        Assert.Equal(6, Hosts("bot", "botnet-a").Count);
        Assert.Equal(5, Hosts("bot", "botnet-b").Count);
        Assert.Single(Hosts("cnc", "botnet-a"));
        Assert.Single(Hosts("cnc", "botnet-b"));
        Assert.NotEqual(Hosts("cnc", "botnet-a").Single(), Hosts("cnc", "botnet-b").Single());
        Assert.Equal(52, sample.Summary.InternalHosts);
        Assert.InRange(sample.Summary.FileBytes, 1_000_000, 6_000_000);
    }

    [Fact]
    public void Every_packet_decodes()
    {
        var packets = PcapFile.Read(sample.Bytes).Packets;
        Assert.Equal(sample.Summary.Packets, packets.Count);
        Assert.All(packets, p => Assert.Equal(DecodeStatus.Ok, p.Status));
    }

    [Theory]
    [InlineData("botnet-a", 80, 60.0)]
    [InlineData("botnet-b", 4444, 300.0)]
    public void Bots_check_in_with_their_server_on_a_regular_period_with_alike_flows(string family, int port, double period)
    {
        var server = Hosts("cnc", family).Single();
        foreach (var bot in Hosts("bot", family))
        {
            var checkIns = sample.Flows.Where(f => f.Source == bot && f.Destination == server && f.DestinationPort == port).OrderBy(f => f.StartNs).ToList();
            var expected = 7200 / period;
            Assert.InRange(checkIns.Count, expected - 2, expected + 1);
            var gaps = checkIns.Zip(checkIns.Skip(1), (a, b) => (b.StartNs - a.StartNs) / 1e9).Order().ToList();
            Assert.InRange(gaps[gaps.Count / 2], period * 0.95, period * 1.05);
            Assert.All(gaps, g => Assert.InRange(g, period * 0.9, period * 1.1));
            Assert.True(CoefficientOfVariation(gaps) < 0.05);
            Assert.All(checkIns, f => Assert.Equal("SF", f.State));
            // near-identical sizes: the usual request/answer size covers most check-ins
            var common = checkIns.GroupBy(f => (f.SourcePayloadBytes, f.DestinationPayloadBytes)).Max(g => g.Count());
            Assert.True(common >= checkIns.Count * 0.75, $"{bot}: only {common} of {checkIns.Count} check-ins alike");
        }

        Assert.DoesNotContain(sample.Flows, f => f.Destination == server && !Hosts("bot", family).Contains(f.Source));
    }

    [Fact]
    public void Botnet_a_scans_telnet_ports_mostly_unanswered_or_refused()
    {
        foreach (var bot in Hosts("bot", "botnet-a"))
        {
            var scans = sample.Flows.Where(f => f.Source == bot && f.DestinationPort is 23 or 2323).ToList();
            var targets = scans.Select(f => f.Destination).Distinct().Count();
            Assert.True(targets >= 50, $"{bot} scanned only {targets} addresses");
            var failed = scans.Count(f => f.State is "S0" or "REJ");
            Assert.True(failed >= scans.Count * 0.9, $"{bot}: {failed} of {scans.Count} scan flows failed");
        }

        Assert.DoesNotContain(BenignFlows, f => f.DestinationPort is 23 or 2323);
    }

    [Fact]
    public void Botnet_b_downloads_a_windows_executable()
    {
        foreach (var bot in Hosts("bot", "botnet-b"))
        {
            var downloads = sample.Flows.Where(f => f.Source == bot && f.DestinationPort == 80 && HasPe(f.DestinationPayloadPrefix)).ToList();
            Assert.NotEmpty(downloads);
        }

        Assert.DoesNotContain(sample.Flows, f => !AllBots.Contains(f.Source) && HasPe(f.DestinationPayloadPrefix));
    }

    [Fact]
    public void Botnet_b_sends_mail_to_many_servers_and_benign_hosts_to_one()
    {
        foreach (var bot in Hosts("bot", "botnet-b"))
        {
            var servers = sample.Flows.Where(f => f.Source == bot && f.DestinationPort == 25).Select(f => f.Destination).Distinct().Count();
            Assert.True(servers >= 10, $"{bot} mailed only {servers} servers");
        }

        var benignMail = BenignFlows.Where(f => f.DestinationPort == 25).ToList();
        Assert.NotEmpty(benignMail);
        Assert.Single(benignMail.Select(f => f.Destination).Distinct());
        Assert.DoesNotContain(sample.Flows, f => Hosts("bot", "botnet-a").Contains(f.Source) && f.DestinationPort == 25);
    }

    [Fact]
    public void Bots_also_browse_and_resolve_names_like_everyone_else()
    {
        foreach (var bot in AllBots)
        {
            Assert.Contains(sample.Flows, f => f.Source == bot && f.DestinationPort == 443 && f.State == "SF");
            Assert.Contains(sample.Flows, f => f.Source == bot && f.Protocol == 17 && f.DestinationPort == 53);
        }
    }

    [Fact]
    public void Benign_hosts_browse_with_irregular_timing()
    {
        var web = BenignFlows.Where(f => f.DestinationPort is 80 or 443).ToList();
        Assert.True(web.Select(f => f.Destination).Distinct().Count() >= 100);
        Assert.True(web.Count(f => f.DestinationPort == 443) > web.Count(f => f.DestinationPort == 80));
        // think times are heavy-tailed: the gaps between a busy host's connections vary as much as a Poisson
        // process's or more (coefficient of variation near 1 or above), where a check-in's vary by a few percent
        var busiest = web.GroupBy(f => f.Source).MaxBy(g => g.Count())!.Select(f => f.StartNs / 1e9).Order().ToList();
        var gaps = busiest.Zip(busiest.Skip(1), (a, b) => b - a).Where(g => g > 1).ToList();
        Assert.True(CoefficientOfVariation(gaps) > 0.5, $"coefficient of variation {CoefficientOfVariation(gaps):F2}");
        // and they look names up before connecting
        Assert.True(BenignFlows.Count(f => f.DestinationPort == 53) > 500);
    }

    [Fact]
    public void Dns_answers_are_real_wire_format()
    {
        var answer = sample.Flows.First(f => f.Protocol == 17 && f.DestinationPort == 53 && f.DestinationPayloadLength > 0);
        var response = answer.DestinationPayloadPrefix;
        Assert.Equal(0x81, response[2]); // QR, opcode 0, RD
        Assert.Equal(0x80, response[3] & 0xF0); // RA
        Assert.Equal(1, response[5]); // one question
        var query = answer.SourcePayloadPrefix;
        Assert.Equal(response[..2].ToArray(), query[..2].ToArray()); // same id
        var name = Encoding.ASCII.GetString(query[13..(13 + query[12])]);
        Assert.Matches("^[a-z0-9-]+$", name);
    }

    private static double CoefficientOfVariation(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean))) / mean;
    }

    private static bool HasPe(ReadOnlySpan<byte> prefix)
    {
        var body = prefix.IndexOf("\r\n\r\nMZ"u8);
        if (body < 0)
        {
            return false;
        }

        var image = prefix[(body + 4)..];
        if (image.Length < 0x40)
        {
            return false;
        }

        var lfanew = BitConverter.ToInt32(image[0x3C..]);
        return image.Length >= lfanew + 4 && image.Slice(lfanew, 4).SequenceEqual("PE\0\0"u8);
    }
}
