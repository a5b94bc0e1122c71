namespace BotCapturer.Graph;

/// <summary>
/// Seeded synthetic host graphs for tests, benchmarks and the evaluation in docs/graph.md: a preferential-attachment
/// background (Barabási–Albert: each new host links to <c>EdgesPerHost</c> hosts picked with probability
/// proportional to degree) with heavy-tailed (log-normal) packet counts, planted botnets: a C&amp;C host linked
/// to bots drawn from the background, each edge <c>BeaconPackets · (1 ± Jitter)</c> packets; and optionally popular services with fairly even weights
/// as confounders.
/// </summary>
public static class SyntheticGraph
{
    /// <summary>Builds the graph; <paramref name="commandAndControl"/> and <paramref name="bots"/> get the planted hosts.</summary>
    public static HostGraphBuilder Generate(SyntheticGraphSpec spec, out IReadOnlyList<string> commandAndControl, out IReadOnlyList<string> bots)
    {
        var random = new Random(spec.Seed);
        var builder = new HostGraphBuilder();
        var m = spec.EdgesPerHost;
        var hosts = spec.Hosts;
        for (var i = 0; i < hosts; i++)
        {
            builder.Hosts.GetOrAdd(Name(i));
        }

        // Endpoint list: a host appears once per edge end, so a uniform pick is a degree-proportional pick.
        var ends = new int[2 * ((long)hosts * m) > int.MaxValue ? throw new ArgumentException("graph too large") : 2 * hosts * m];
        var count = 0;
        for (var i = 0; i <= m && i < hosts; i++)
        {
            for (var j = 0; j < i; j++)
            {
                builder.Add(i, j, Packets(random, spec));
                ends[count++] = i;
                ends[count++] = j;
            }
        }

        var chosen = new HashSet<int>();
        for (var i = m + 1; i < hosts; i++)
        {
            chosen.Clear();
            while (chosen.Count < m)
            {
                chosen.Add(ends[random.Next(count)]);
            }

            foreach (var j in chosen)
            {
                builder.Add(i, j, Packets(random, spec));
                ends[count++] = i;
                ends[count++] = j;
            }
        }

        var cnc = new List<string>();
        var planted = new List<string>();
        for (var b = 0; b < spec.Botnets; b++)
        {
            var server = builder.Hosts.GetOrAdd($"cnc{b}");
            cnc.Add($"cnc{b}");
            var size = random.Next(spec.MinBots, spec.MaxBots + 1);
            var beacon = spec.BeaconPackets * Math.Exp(random.NextDouble() * 2);
            var members = new HashSet<int>();
            while (members.Count < Math.Min(size, hosts))
            {
                members.Add(random.Next(hosts));
            }

            foreach (var bot in members)
            {
                var weight = Math.Max(1, Math.Round(beacon * (1 + (spec.Jitter * ((2 * random.NextDouble()) - 1)))));
                builder.Add(server, bot, weight);
                planted.Add(Name(bot));
            }
        }

        for (var k = 0; k < spec.Services; k++)
        {
            var service = builder.Hosts.GetOrAdd($"svc{k}");
            var clients = new HashSet<int>();
            while (clients.Count < Math.Min(spec.ServiceClients, hosts))
            {
                clients.Add(random.Next(hosts));
            }

            foreach (var client in clients)
            {
                builder.Add(service, client, Packets(random, spec with { LogSigma = spec.ServiceLogSigma }));
            }
        }

        commandAndControl = cnc;
        bots = planted;
        return builder;
    }

    /// <summary>Background host name: a stable text id.</summary>
    public static string Name(int host) => "h" + host.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Log-normal packet counts (median e^mu, heavy right tail), at least 1.
    private static double Packets(Random random, SyntheticGraphSpec spec)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Max(1, Math.Round(Math.Exp(spec.LogMean + (spec.LogSigma * normal))));
    }
}
