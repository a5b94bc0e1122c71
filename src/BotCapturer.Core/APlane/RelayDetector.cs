using System.Globalization;
using System.Text;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// Back-connect relays: a host receives an HTTP request from a server on a TCP connection the host opened itself, and
/// while that connection lasts sends the same request line, as a client, to another server. This is a connection
/// chain (a stepping stone, found by content as in Staniford-Chen and Heberlein 1995's thumbprints, not by timing as
/// in Zhang and Paxson 2000) in which both connections go out: the host is a proxy that its controller reaches
/// through connections the host dials itself, the way proxy bots serve behind NAT. A host, the activity's host, is
/// the relay; the cluster key is the server that sends the requests (bots relaying for one controller cluster).
/// </summary>
public sealed class RelayDetector
{
    private readonly APlaneOptions _options;
    private readonly List<Reversed> _reversed = [];
    private readonly Dictionary<(HostAddress Host, ulong Line), List<Sent>> _sent = [];

    public RelayDetector(APlaneOptions? options = null) => _options = options ?? APlaneOptions.Default;

    /// <summary>Takes one finished flow.</summary>
    public void Observe(Flow flow)
    {
        if (flow.Protocol != (byte)IpProtocol.Tcp)
        {
            return;
        }

        // A request the host sends as a client (every HTTP request flow; kept as a 64-bit hash of its request line).
        var request = flow.SourcePayloadPrefix;
        if (HttpPayload.IsRequest(request) && RequestLine(request, 0) is { } sentLine)
        {
            Add(_sent, (flow.Source, Fnv1a(sentLine)), new Sent(flow.Destination, flow.DestinationPort, flow.StartNs));
        }

        // A request the server sends on the host's own connection (the roles reversed), after any binary preamble.
        var reply = flow.DestinationPayloadPrefix;
        if (reply.Length > 0 && FindRequestLine(reply) is { } receivedLine)
        {
            _reversed.Add(new Reversed(flow.Source, flow.Destination, flow.DestinationPort, flow.StartNs, flow.EndNs, Fnv1a(receivedLine), Encoding.Latin1.GetString(receivedLine[..Math.Min(receivedLine.Length, 120)])));
        }
    }

    /// <summary>Adds what another detector (fed with other flows) has seen.</summary>
    public void Merge(RelayDetector other)
    {
        _reversed.AddRange(other._reversed);
        foreach (var (key, list) in other._sent)
        {
            foreach (var s in list)
            {
                Add(_sent, key, s);
            }
        }
    }

    /// <summary>One activity per (relay host, server that sent the requests).</summary>
    public List<Activity> Complete()
    {
        var relays = new Dictionary<(HostAddress Host, HostAddress Server, ushort Port), List<(Reversed R, Sent S)>>();
        foreach (var r in _reversed)
        {
            // Sent on to another server while the connection that carried the request was open.
            var onward = (_sent.GetValueOrDefault((r.Host, r.Line)) ?? [])
                .Where(s => s.StartNs >= r.StartNs && s.StartNs <= r.EndNs && (s.Server != r.Server || s.Port != r.Port))
                .OrderBy(s => s.StartNs)
                .Take(1)
                .ToList();
            if (onward.Count > 0)
            {
                Add(relays, (r.Host, r.Server, r.Port), (r, onward[0]));
            }
        }

        return [.. relays.Select(pair =>
        {
            var ((host, server, port), items) = (pair.Key, pair.Value);
            var onward = items.Select(i => $"{i.S.Server}:{i.S.Port}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new Activity(
                ActivityType.Relay,
                host,
                string.Create(CultureInfo.InvariantCulture, $"{server}:{port} -> {string.Join(' ', onward)}"),
                "relay:" + server,
                items.Min(i => i.R.StartNs),
                items.Max(i => i.R.EndNs),
                items.Count,
                string.Create(CultureInfo.InvariantCulture,
                    $"{items.Count} HTTP request(s) received from {server}:{port} on connections the host opened, sent on to {string.Join(' ', onward)}; first \"{items[0].R.Text}\""),
                _options.RelayWeight)
            {
                TargetHost = server,
                PortLow = port,
                PortHigh = port,
            };
        })];
    }

    /// <summary>The first HTTP/1.x request line anywhere in a payload prefix (method, target, version; no control bytes).</summary>
    internal static byte[]? FindRequestLine(ReadOnlySpan<byte> payload)
    {
        var version = payload.IndexOf(" HTTP/1."u8);
        while (version >= 0)
        {
            // Back from the version to the start of the line: the method must begin it.
            var start = version;
            while (start > 0 && payload[start - 1] is >= 0x20 and < 0x7F)
            {
                start--;
            }

            for (var s = start; s < version; s++)
            {
                if (HttpPayload.IsRequest(payload[s..]) && RequestLine(payload, s) is { } line)
                {
                    return line;
                }
            }

            var next = payload[(version + 1)..].IndexOf(" HTTP/1."u8);
            version = next < 0 ? -1 : version + 1 + next;
        }

        return null;
    }

    /// <summary>The request line starting at <paramref name="start"/> when it ends in " HTTP/1.x" and CRLF, else null.</summary>
    private static byte[]? RequestLine(ReadOnlySpan<byte> payload, int start)
    {
        var rest = payload[start..];
        var end = rest.IndexOf("\r\n"u8);
        if (end < 0)
        {
            return null;
        }

        var line = rest[..end];
        return line.Length > 9 && line[^9..^1].SequenceEqual(" HTTP/1."u8) && !line.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) ? line.ToArray() : null;
    }

    // FNV-1a, 64 bit (Fowler, Noll, Vo): the request lines are compared by hash; a collision needs 2^32 lines.
    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private sealed record Reversed(HostAddress Host, HostAddress Server, ushort Port, long StartNs, long EndNs, ulong Line, string Text);

    private readonly record struct Sent(HostAddress Server, ushort Port, long StartNs);
}
