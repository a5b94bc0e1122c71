using System.Net;
using BotCapturer.Net;

namespace BotCapturer.Generation;

/// <summary>
/// Builds the world of <see cref="ScenarioOptions"/>: the LAN and its hosts, the Internet they talk to, both botnets,
/// every actor, and the ground truth. Every random choice comes from a stream derived from the seed by name.
/// </summary>
internal sealed class Scenario
{
    private const uint Lan = 0x0A01_0000; // 10.1.0.0/16

    private readonly List<InternalHost> _hosts = [];
    private readonly HashSet<uint> _addresses = [];
    private readonly RemoteServer[] _services;

    private Scenario(ScenarioOptions options)
    {
        var seed = options.Seed;
        var startNs = options.Start.ToUnixTimeMilliseconds() * 1_000_000L;
        var endNs = startNs + (options.Duration.Ticks * 100);
        var gateway = MacAddress.LocallyAdministered(0x00_0A01_0001);
        Network = new Network(gateway);
        Simulation = new Simulation(Network, startNs, endNs);
        var world = DeterministicRandom.Derive(seed, "internet");
        var scale = options.Scale;
        Internet = new Internet(world, sites: 300 + (50 * scale), thirdParty: 40 + (5 * scale), mailDomains: 400);
        var resolver = new InternalHost(Lan | 0x0002, MacAddress.LocallyAdministered(0x00_0A01_0002), HostOs.Linux, DeterministicRandom.Derive(seed, "resolver"));
        Network.Add(resolver);
        _addresses.Add(resolver.Address);
        var dns = new DnsService(resolver, Internet.UpstreamResolver, Internet.Lookup);
        var relay = Internet.Server("smtp.acme-office.com", port: 25, rttMedianMs: 8);
        _services = [Internet.Server("telemetry.brightsoft.com", rttMedianMs: 20), Internet.Server("update.cedarsecure.net", rttMedianMs: 25), Internet.Server("sync.novacloud.io", rttMedianMs: 30)];
        var addressRandom = DeterministicRandom.Derive(seed, "addresses");

        // benign workstations: OS mix, each with its browsing pace; Linux/macOS hosts also poll NTP; about one in ten sends mail
        var benign = options.BenignHosts * scale;
        for (var i = 0; i < benign; i++)
        {
            var random = DeterministicRandom.Derive(seed, "benign", i);
            var host = AddHost(addressRandom, random, random.NextDouble() switch { < 0.6 => HostOs.Windows, < 0.85 => HostOs.Linux, _ => HostOs.MacOs });
            AddUser(host, random, dns, startNs, UserPace(random));
            if (i % 10 == 3)
            {
                Simulation.AddActor(new MailClient(Derived(random), startNs + Seconds(random.Uniform(60, 1800)), host, relay, "acme-office.com"));
            }
        }

        // botnet A: HTTP check-ins to one C&C server; scanning on order
        var randomA = DeterministicRandom.Derive(seed, "botnet-a");
        var serverA = Internet.Server("update." + randomA.Pick(["statcheck", "syncdata", "netcfg", "pointsys"]) + ".xyz", port: 80, rttMedianMs: 60, ttl: 300);
        var scanOrders = Campaigns.Poisson(randomA, startNs + Seconds(300), endNs, 1800);
        Labels.Add(new HostLabel(Text(serverA.Address), "cnc", "botnet-a"));
        for (var i = 0; i < options.BotsA * scale; i++)
        {
            var random = DeterministicRandom.Derive(seed, "bot-a", i);
            var host = AddHost(addressRandom, random, random.Chance(0.7) ? HostOs.Windows : HostOs.Linux);
            Labels.Add(new HostLabel(Text(host.Address), "bot", "botnet-a"));
            AddUser(host, random, dns, startNs, UserPace(random));
            var first = startNs + Seconds(random.Uniform(0, options.PeriodA.TotalSeconds));
            Simulation.AddActor(new HttpBeaconBot(Derived(random), first, host, serverA, dns, scanOrders, options.PeriodA, options.JitterA));
        }

        // botnet B: TCP check-ins to port 4444, its binary from a distribution server, spam on order
        var randomB = DeterministicRandom.Derive(seed, "botnet-b");
        var serverB = Internet.Server(string.Empty, port: 4444, rttMedianMs: 90);
        var distribution = Internet.Server("dl." + randomB.Pick(["fastfiles", "softmirror", "getupd"]) + ".top", port: 80, rttMedianMs: 70, ttl: 600);
        var botnetB = new BotnetB(serverB, distribution, dns, Internet,
            new Campaigns([startNs + (long)((endNs - startNs) * randomB.Uniform(0.4, 0.7))]),
            Campaigns.Poisson(randomB, startNs + Seconds(480), endNs, 2400),
            randomB.Next(40_000, 80_000), (uint)(startNs / 1_000_000_000L) - (uint)randomB.Next(86_400, 30 * 86_400));
        Labels.Add(new HostLabel(Text(serverB.Address), "cnc", "botnet-b"));
        for (var i = 0; i < options.BotsB * scale; i++)
        {
            var random = DeterministicRandom.Derive(seed, "bot-b", i);
            var host = AddHost(addressRandom, random, HostOs.Windows);
            Labels.Add(new HostLabel(Text(host.Address), "bot", "botnet-b"));
            AddUser(host, random, dns, startNs, UserPace(random));
            var first = startNs + Seconds(random.Uniform(0, options.PeriodB.TotalSeconds));
            Simulation.AddActor(new TcpBeaconBot(Derived(random), first, host, botnetB, options.PeriodB, options.JitterB));
        }
    }

    public Network Network { get; }

    public Simulation Simulation { get; }

    public Internet Internet { get; }

    public List<HostLabel> Labels { get; } = [];

    public int InternalHosts => _hosts.Count + 1;

    public static Scenario Build(ScenarioOptions options) => new(options);

    private void AddUser(InternalHost host, DeterministicRandom random, DnsService dns, long startNs, double pace)
    {
        // people arrive over the first quarter hour
        Simulation.AddActor(new BrowsingUser(Derived(random), startNs + Seconds(random.Uniform(0, 900)), host, Internet, dns, pace));
        var services = 1 + random.Next(2);
        for (var i = 0; i < services; i++)
        {
            var service = random.Next(_services.Length);
            var mean = service switch { 0 => 1800, 1 => 3600, _ => 5400 };
            Simulation.AddActor(new BackgroundService(Derived(random), startNs + Seconds(random.Uniform(0, mean)), host, _services[service], dns, mean));
        }

        if (host.Os != HostOs.Windows)
        {
            Simulation.AddActor(new NtpClient(Derived(random), startNs + Seconds(random.Uniform(0, 1024)), host, Internet.Ntp[random.Next(Internet.Ntp.Length)]));
        }
    }

    private InternalHost AddHost(DeterministicRandom addressRandom, DeterministicRandom random, HostOs os)
    {
        uint address;
        do
        {
            // 10.1.1.0 and up (10.1.0.0/24 holds the gateway and servers); no .0 or .255 host parts
            address = Lan | (uint)addressRandom.Next(256, 65536);
        }
        while ((address & 0xFF) is 0 or 255 || !_addresses.Add(address));

        var host = new InternalHost(address, MacAddress.LocallyAdministered(random.NextUInt64()), os, random);
        _hosts.Add(host);
        Network.Add(host);
        return host;
    }

    // half the machines are workstations in use, half are used now and then (meeting rooms, lab machines, absent
    // owners); bots are ordinary machines of either kind
    private static double UserPace(DeterministicRandom random) => random.LogNormal(1, 0.4) * (random.Chance(0.5) ? 1 : 4);

    private static DeterministicRandom Derived(DeterministicRandom random) => new(random.NextUInt64());

    private static long Seconds(double seconds) => (long)(seconds * 1e9);

    private static string Text(uint address) => new IPAddress([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]).ToString();
}
