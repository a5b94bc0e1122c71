using System.Globalization;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// Spam (BotMiner §3.3): one (internal, when <see cref="APlaneOptions.IsInternal"/> is set) host opening SMTP connections (25/465/587, answered or not: spam bots are often
/// blocked) to many distinct mail servers within a window. A host that itself accepts SMTP connections is a mail
/// server relaying mail, not a spammer, and is left out (<see cref="APlaneOptions.SpamIgnoreMailServers"/>); a mail
/// server receiving mail is the destination of SMTP flows and never a source here.
/// </summary>
public sealed class SpamDetector
{
    private readonly APlaneOptions _options;
    private readonly Dictionary<HostAddress, Dictionary<HostAddress, long>> _servers = [];
    private readonly HashSet<HostAddress> _acceptsSmtp = [];

    public SpamDetector(APlaneOptions? options = null) => _options = options ?? APlaneOptions.Default;

    /// <summary>Takes one finished flow.</summary>
    public void Observe(Flow flow)
    {
        if (flow.Protocol != (byte)IpProtocol.Tcp || !_options.SmtpPorts.Contains(flow.DestinationPort) || !FlowFacts.SentSyn(flow))
        {
            return;
        }

        if (FlowFacts.AnsweredSyn(flow))
        {
            _acceptsSmtp.Add(flow.Destination);
        }

        if (!_servers.TryGetValue(flow.Source, out var servers))
        {
            _servers[flow.Source] = servers = [];
        }

        servers[flow.Destination] = servers.TryGetValue(flow.Destination, out var seen) ? Math.Min(seen, flow.StartNs) : flow.StartNs;
    }

    /// <summary>Adds what another detector (fed with other flows) has seen.</summary>
    public void Merge(SpamDetector other)
    {
        _acceptsSmtp.UnionWith(other._acceptsSmtp);
        foreach (var (client, servers) in other._servers)
        {
            if (!_servers.TryGetValue(client, out var mine))
            {
                _servers[client] = mine = [];
            }

            foreach (var (server, ns) in servers)
            {
                mine[server] = mine.TryGetValue(server, out var seen) ? Math.Min(seen, ns) : ns;
            }
        }
    }

    /// <summary>One activity per spamming host; its <see cref="Activity.Destinations"/> are the servers in its busiest window.</summary>
    public List<Activity> Complete()
    {
        var result = new List<Activity>();
        foreach (var (client, servers) in _servers)
        {
            if (servers.Count < _options.SpamMinServers
                || (_options.SpamIgnoreMailServers && _acceptsSmtp.Contains(client))
                || (_options.IsInternal is { } isInternal && !isInternal(client)))
            {
                continue;
            }

            var sorted = servers.OrderBy(s => s.Value).ToList();
            var (start, end, count) = SlidingWindow.Busiest(sorted, s => s.Value, _ => 1.0, _options.SpamWindowNs);
            if (count < _options.SpamMinServers)
            {
                continue;
            }

            var hit = sorted.GetRange(start, end - start);
            var destinations = hit.Select(s => s.Key).Order().ToArray();
            result.Add(new Activity(
                ActivityType.Spam,
                client,
                $"{destinations.Length} mail servers",
                "smtp",
                hit[0].Value,
                hit[^1].Value,
                hit.Count,
                string.Create(CultureInfo.InvariantCulture,
                    $"SMTP to {hit.Count} distinct servers within {_options.SpamWindow.TotalMinutes:0} min (>= {_options.SpamMinServers}); {servers.Count} in all"),
                _options.SpamWeight)
            {
                Destinations = destinations,
            });
        }

        return result;
    }
}
