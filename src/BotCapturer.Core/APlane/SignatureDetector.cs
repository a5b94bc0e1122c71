using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// Matches the payload prefixes of every flow against a <see cref="SignatureSet"/>. Matches are summed per (host,
/// signature); the cluster key is the signature's name, so all hosts matching one signature share an A-cluster.
/// </summary>
public sealed class SignatureDetector
{
    private readonly IReadOnlyList<Signature> _signatures;
    private readonly Dictionary<MatchKey, MatchStats> _matches = [];

    public SignatureDetector(SignatureSet? signatures) => _signatures = signatures?.Signatures ?? [];

    /// <summary>Takes one finished flow.</summary>
    public void Observe(Flow flow)
    {
        if (_signatures.Count == 0 || (flow.SourcePayloadLength == 0 && flow.DestinationPayloadLength == 0))
        {
            return;
        }

        // Latin-1 is one char per byte: decode each direction at most once, into pooled buffers (no string per flow).
        char[]? client = null;
        char[]? server = null;
        try
        {
            for (var i = 0; i < _signatures.Count; i++)
            {
                var signature = _signatures[i];
                if ((signature.Protocol is { } protocol && protocol != flow.Protocol)
                    || (signature.Ports.Count > 0 && !signature.Ports.Contains(flow.DestinationPort)))
                {
                    continue;
                }

                var matched = false;
                if (signature.Direction != SignatureDirection.Server && flow.SourcePayloadLength > 0)
                {
                    client ??= Decode(flow.SourcePayloadPrefix);
                    matched = IsMatch(signature.Pattern, client.AsSpan(0, flow.SourcePayloadLength));
                }

                if (!matched && signature.Direction != SignatureDirection.Client && flow.DestinationPayloadLength > 0)
                {
                    server ??= Decode(flow.DestinationPayloadPrefix);
                    matched = IsMatch(signature.Pattern, server.AsSpan(0, flow.DestinationPayloadLength));
                }

                if (matched)
                {
                    var (host, peer) = signature.HostIsDestination ? (flow.Destination, flow.Source) : (flow.Source, flow.Destination);
                    Add(new MatchKey(host, i), new MatchStats(flow.StartNs, flow.EndNs, 1, [peer], flow.DestinationPort));
                }
            }
        }
        finally
        {
            if (client is not null)
            {
                ArrayPool<char>.Shared.Return(client);
            }

            if (server is not null)
            {
                ArrayPool<char>.Shared.Return(server);
            }
        }
    }

    /// <summary>Adds what another detector (with the same signatures, fed with other flows) has seen.</summary>
    public void Merge(SignatureDetector other)
    {
        foreach (var (key, stats) in other._matches)
        {
            Add(key, stats);
        }
    }

    /// <summary>One activity per (host, signature).</summary>
    public List<Activity> Complete() =>
        [.. _matches.Select(pair =>
        {
            var (key, m) = (pair.Key, pair.Value);
            var signature = _signatures[key.Index];
            var firstPeer = m.Peers.Min();
            return new Activity(
                ActivityType.Signature,
                key.Host,
                $"{signature.Name} ({signature.Family})",
                "signature:" + signature.Name,
                m.StartNs,
                m.EndNs,
                m.Count,
                string.Create(CultureInfo.InvariantCulture,
                    $"{signature.Family} signature {signature.Name} matched {m.Count} flow(s) with {m.Peers.Count} peer(s), e.g. {firstPeer} port {m.Port}"),
                signature.Weight)
            {
                TargetHost = firstPeer,
                PortLow = m.Port,
                PortHigh = m.Port,
            };
        })];

    private static char[] Decode(ReadOnlySpan<byte> payload)
    {
        var chars = ArrayPool<char>.Shared.Rent(payload.Length);
        Encoding.Latin1.GetChars(payload, chars);
        return chars;
    }

    private static bool IsMatch(Regex pattern, ReadOnlySpan<char> text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private void Add(MatchKey key, MatchStats stats)
    {
        if (_matches.TryGetValue(key, out var seen))
        {
            seen.Peers.UnionWith(stats.Peers);
            _matches[key] = seen with
            {
                StartNs = Math.Min(seen.StartNs, stats.StartNs),
                EndNs = Math.Max(seen.EndNs, stats.EndNs),
                Count = seen.Count + stats.Count,
                Port = seen.StartNs <= stats.StartNs ? seen.Port : stats.Port,
            };
        }
        else
        {
            _matches[key] = stats with { Peers = [.. stats.Peers] };
        }
    }

    private readonly record struct MatchKey(HostAddress Host, int Index);

    private sealed record MatchStats(long StartNs, long EndNs, long Count, HashSet<HostAddress> Peers, ushort Port);
}
