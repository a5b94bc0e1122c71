using System.Globalization;

namespace BotCapturer.Generation;

/// <summary>
/// The simulated outside world: web sites (popularity Zipf-distributed), third-party content servers, mail
/// domains with their MX hosts, NTP servers, the upstream resolver, and the DNS names of all of them.
/// </summary>
internal sealed class Internet
{
    private static readonly string[] Words =
    [
        "north", "river", "blue", "daily", "city", "green", "metro", "open", "smart", "bright", "stone", "pixel", "cloud",
        "harbor", "maple", "summit", "urban", "swift", "golden", "silver", "nova", "prime", "atlas", "orbit", "delta",
        "lumen", "vista", "cedar", "echo", "polar", "sun", "lake", "field", "iron", "coral", "aurora", "union", "meadow",
    ];

    private static readonly string[] Topics =
    [
        "news", "shop", "travel", "weather", "sports", "games", "bank", "books", "media", "tech", "forum", "music",
        "maps", "jobs", "foods", "health", "cars", "homes", "films", "press", "wiki", "market", "photo", "learn",
    ];

    private static readonly string[] Tlds = ["com", "com", "com", "net", "org", "de", "io", "co.uk", "fr", "eu"];

    private readonly Dictionary<string, DnsEntry> _names = new(StringComparer.Ordinal);
    private readonly HashSet<uint> _used = [];
    private readonly DeterministicRandom _random;

    public Internet(DeterministicRandom random, int sites, int thirdParty, int mailDomains)
    {
        _random = random;
        for (var i = 0; i < sites; i++)
        {
            var domain = UniqueDomain(random.Pick(Words) + random.Pick(Topics));
            Sites.Add(Server("www." + domain, port: random.Chance(0.75) ? (ushort)443 : (ushort)80));
        }

        string[] roles = ["cdn", "static", "img", "fonts", "analytics", "api", "ads", "media"];
        for (var i = 0; i < thirdParty; i++)
        {
            var domain = UniqueDomain(random.Pick(Words) + random.Pick(["cdn", "net", "edge", "stat", "apis", "hub"]));
            ThirdParty.Add(Server(random.Pick(roles) + "." + domain, port: random.Chance(0.9) ? (ushort)443 : (ushort)80, rttMedianMs: 12));
        }

        for (var i = 0; i < mailDomains; i++)
        {
            var domain = UniqueDomain(random.Pick(Words) + random.Pick(["mail", "post", "net", "online", "web", "inbox", "corp"]));
            var mx = Server((random.Chance(0.5) ? "mx." : "mail.") + domain, port: 25);
            MailDomains.Add(domain);
            _names[domain] = new DnsEntry([mx.Address], 3600, mx.Name);
            MailExchangers.Add(domain, mx);
        }

        SiteRanks = DeterministicRandom.ZipfTable(Sites.Count, 1.0);
        ThirdPartyRanks = DeterministicRandom.ZipfTable(ThirdParty.Count, 0.9);
        UpstreamResolver = Server("", rttMedianMs: 15);
        Ntp = [Server("0.pool.ntp.org", port: 123), Server("1.pool.ntp.org", port: 123)];
    }

    public List<RemoteServer> Sites { get; } = [];

    public double[] SiteRanks { get; }

    public List<RemoteServer> ThirdParty { get; } = [];

    public double[] ThirdPartyRanks { get; }

    public List<string> MailDomains { get; } = [];

    public Dictionary<string, RemoteServer> MailExchangers { get; } = new(StringComparer.Ordinal);

    public RemoteServer UpstreamResolver { get; }

    public RemoteServer[] Ntp { get; }

    public DnsEntry? Lookup(string name) => _names.GetValueOrDefault(name);

    /// <summary>A new server with a public address, an RTT drawn around <paramref name="rttMedianMs"/>, and (when named) a DNS A record.</summary>
    public RemoteServer Server(string name, ushort port = 443, double rttMedianMs = 35, uint ttl = 0)
    {
        var address = PublicAddress(_random);
        while (!_used.Add(address))
        {
            address = PublicAddress(_random);
        }

        var rtt = (long)(Math.Clamp(_random.LogNormal(rttMedianMs, 0.7), 1.5, 400) * 1_000_000);
        var rate = _random.Uniform(20, 300);
        ushort window = _random.Chance(0.5) ? (ushort)65535 : (ushort)64240;
        var server = new RemoteServer(name, address, rtt, rate, window, port);
        if (name.Length > 0)
        {
            _names[name] = new DnsEntry([address], ttl != 0 ? ttl : (uint)_random.Pick([60, 300, 300, 600, 3600]));
        }

        return server;
    }

    /// <summary>A random unicast address outside the private, shared, loopback, link-local, documentation,
    /// benchmarking, multicast and reserved blocks (RFC 6890).</summary>
    public static uint PublicAddress(DeterministicRandom random)
    {
        while (true)
        {
            var a = random.NextUInt32();
            var first = a >> 24;
            var second = (a >> 16) & 0xFF;
            var bad = first is 0 or 10 or 127 or >= 224
                || (first == 100 && second is >= 64 and < 128)
                || (first == 169 && second == 254)
                || (first == 172 && second is >= 16 and < 32)
                || (first == 192 && second is 0 or 168)
                || (first == 198 && second is 18 or 19 or 51)
                || (first == 203 && second == 0)
                || (a & 0xFF) is 0 or 255;
            if (!bad)
            {
                return a;
            }
        }
    }

    private string UniqueDomain(string stem)
    {
        var domain = stem + "." + _random.Pick(Tlds);
        var n = 2;
        while (_names.ContainsKey("www." + domain) || _names.ContainsKey(domain) || MailExchangers.ContainsKey(domain))
        {
            domain = stem + n.ToString(CultureInfo.InvariantCulture) + "." + _random.Pick(Tlds);
            n++;
        }

        _names[domain] = new DnsEntry([], 300);
        return domain;
    }
}
