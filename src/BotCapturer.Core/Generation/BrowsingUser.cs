namespace BotCapturer.Generation;

/// <summary>
/// A person at a workstation: page views (DNS lookup, the page and its objects over one or two connections,
/// objects from third-party servers) separated by heavy-tailed think times (Pareto, Barford and Crovella 1998),
/// with occasional long breaks and an occasional ping.
/// </summary>
internal sealed class BrowsingUser : Actor
{
    private readonly InternalHost _host;
    private readonly Internet _internet;
    private readonly DnsService _dns;
    private readonly string _userAgent;
    private readonly double _pace;

    // pace multiplies think times: 1 for a busy user, more for a quieter one
    public BrowsingUser(DeterministicRandom random, long firstNs, InternalHost host, Internet internet, DnsService dns, double pace)
        : base(random, firstNs)
    {
        _host = host;
        _internet = internet;
        _dns = dns;
        _pace = pace;
        _userAgent = host.Os switch
        {
            HostOs.Linux => HttpMessages.BrowserAgents[2],
            HostOs.MacOs => HttpMessages.BrowserAgents[3],
            _ => random.Pick([HttpMessages.BrowserAgents[0], HttpMessages.BrowserAgents[1], HttpMessages.BrowserAgents[4]]),
        };
    }

    public override void Act(Simulation simulation)
    {
        var packets = new List<SimPacket>();
        var site = _internet.Sites[Random.Zipf(_internet.SiteRanks)];
        var t = _dns.Lookup(packets, _host, Random, site.Name, NextNs);
        var objects = 1 + (int)Random.Exponential(1.5);
        var sizes = new List<long> { Size(7_000, 0.9) };
        for (var i = 1; i < objects; i++)
        {
            sizes.Add(Size(2_000, 1.2));
        }

        if (objects > 5 && Random.Chance(0.5))
        {
            // browsers open a second connection to the same server (RFC 9112 §9.4 allows several)
            var half = sizes.Count / 2;
            WebClient.Fetch(packets, Random, _host, site, t + Random.Next(20_000_000, 300_000_000), sizes[half..], _userAgent);
            sizes = sizes[..half];
        }

        var pageEnd = WebClient.Fetch(packets, Random, _host, site, t, sizes, _userAgent);
        var thirdParties = Random.Chance(0.5) ? 1 : 0;
        for (var i = 0; i < thirdParties; i++)
        {
            var server = _internet.ThirdParty[Random.Zipf(_internet.ThirdPartyRanks)];
            var start = Math.Max(t, pageEnd - Random.Next(0, 200_000_000)) + Random.Next(1_000_000, 50_000_000);
            var ready = _dns.Lookup(packets, _host, Random, server.Name, start);
            var count = 1 + (int)Random.Exponential(1);
            var thirdSizes = Enumerable.Range(0, count).Select(_ => Size(1_500, 1.2)).ToList();
            WebClient.Fetch(packets, Random, _host, server, ready, thirdSizes, _userAgent);
        }

        if (Random.Chance(0.01))
        {
            Ping.Echo(packets, Random, _host, site, pageEnd + 2_000_000_000, 4);
        }

        simulation.AddPackets(packets);
        // think time: Pareto(150 s, 1.3), capped at 30 min; sometimes a break of 10–40 min
        var think = Math.Min(Random.Pareto(150, 1.3), 1800) * _pace;
        if (Random.Chance(0.06))
        {
            think += Random.Uniform(600, 2400);
        }

        NextNs = Math.Max(pageEnd, NextNs) + (long)(think * 1e9);
    }

    private long Size(double median, double sigma) => (long)Math.Clamp(Random.LogNormal(median, sigma), 200, 4_000_000);
}
