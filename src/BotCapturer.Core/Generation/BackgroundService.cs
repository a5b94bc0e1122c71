namespace BotCapturer.Generation;

/// <summary>
/// Software on a host that checks in with its vendor's service now and then (update, licence and telemetry
/// checks, mail polling): an HTTPS exchange every so often, with wide jitter and varied sizes, as such clients
/// schedule them (Windows Update and AV updaters randomise their timers).
/// </summary>
internal sealed class BackgroundService : Actor
{
    private readonly InternalHost _host;
    private readonly RemoteServer _server;
    private readonly DnsService _dns;
    private readonly double _meanSeconds;

    public BackgroundService(DeterministicRandom random, long firstNs, InternalHost host, RemoteServer server, DnsService dns, double meanSeconds)
        : base(random, firstNs)
    {
        _host = host;
        _server = server;
        _dns = dns;
        _meanSeconds = meanSeconds;
    }

    public override void Act(Simulation simulation)
    {
        var packets = new List<SimPacket>();
        var ready = _dns.Lookup(packets, _host, Random, _server.Name, NextNs);
        var exchanges = 1 + (int)Random.Exponential(0.7);
        var sizes = Enumerable.Range(0, exchanges).Select(_ => (long)Math.Clamp(Random.LogNormal(1500, 1.1), 100, 500_000)).ToList();
        WebClient.Fetch(packets, Random, _host, _server, ready, sizes, "Microsoft-CryptoAPI/10.0");
        simulation.AddPackets(packets);
        NextNs += (long)(_meanSeconds * Random.Uniform(0.4, 1.6) * 1e9);
    }
}
