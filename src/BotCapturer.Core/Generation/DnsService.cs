namespace BotCapturer.Generation;

/// <summary>
/// The LAN's caching resolver: clients ask it over UDP 53; on a miss it asks an upstream resolver and caches the
/// answer for its TTL. Clients keep their own cache too (the OS stub resolver), so a name is looked up again only
/// when it expires there.
/// </summary>
internal sealed class DnsService
{
    private readonly Dictionary<(string Name, ushort Type), long> _cache = [];
    private readonly Func<string, DnsEntry?> _directory;

    public DnsService(InternalHost resolver, RemoteServer upstream, Func<string, DnsEntry?> directory)
    {
        Resolver = resolver;
        Upstream = upstream;
        _directory = directory;
    }

    public InternalHost Resolver { get; }

    public RemoteServer Upstream { get; }

    /// <summary>
    /// Looks <paramref name="name"/> up for <paramref name="client"/> at <paramref name="atNs"/> unless the client's
    /// cache holds it; returns when the answer reaches the client (<paramref name="atNs"/> on a cache hit).
    /// </summary>
    public long Lookup(List<SimPacket> packets, InternalHost client, DeterministicRandom random, string name, long atNs, ushort type = DnsWire.TypeA)
    {
        var key = type == DnsWire.TypeA ? name : name + "/" + type;
        if (client.DnsCache.TryGetValue(key, out var expires) && expires > atNs)
        {
            return atNs;
        }

        var entry = _directory(name);
        var id = (ushort)random.Next(65536);
        var port = client.EphemeralPort(random);
        var query = DnsWire.Query(id, name, type);
        packets.Add(Udp(atNs, client.Address, Resolver.Address, port, 53, query));
        var t = atNs + 80_000 + random.Next(120_000);
        var ttl = entry?.Ttl ?? 300;
        if (!_cache.TryGetValue((name, type), out var cachedUntil) || cachedUntil <= atNs)
        {
            // RFC 1034 §5.3.3: a recursive resolver forwards the miss; here to one upstream resolver
            var upstreamId = (ushort)random.Next(65536);
            var upstreamPort = (ushort)random.Next(1024, 65536);
            packets.Add(Udp(t, Resolver.Address, Upstream.Address, upstreamPort, 53, DnsWire.Query(upstreamId, name, type)));
            t += Upstream.RttNs + random.Next((int)Math.Min(int.MaxValue, Upstream.RttNs * 2));
            packets.Add(Udp(t, Upstream.Address, Resolver.Address, 53, upstreamPort, Answer(upstreamId, name, type, ttl, entry)));
            t += 50_000 + random.Next(100_000);
            _cache[(name, type)] = atNs + (ttl * 1_000_000_000L);
        }

        packets.Add(Udp(t, Resolver.Address, client.Address, 53, port, Answer(id, name, type, ttl, entry)));
        client.DnsCache[key] = t + (ttl * 1_000_000_000L);
        return t + 50_000;
    }

    private static byte[] Answer(ushort id, string name, ushort type, uint ttl, DnsEntry? entry) => entry is null
        ? DnsWire.Response(id, name, type, 0, [], nameError: true)
        : type == DnsWire.TypeMx
            ? DnsWire.Response(id, name, type, ttl, entry.Addresses, entry.MailHost)
            : DnsWire.Response(id, name, type, ttl, type == DnsWire.TypeA ? entry.Addresses : []);

    internal static SimPacket Udp(long at, uint source, uint destination, ushort sourcePort, ushort destinationPort, byte[] payload) =>
        new(at, 17, source, destination, sourcePort, destinationPort, 0, 0, 0, 0, payload);
}
