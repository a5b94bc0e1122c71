using System.Globalization;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// Brute force: many short, similar connections from one source to one authentication service (one destination and
/// port) in a window. An attempt is an established TCP connection (SYN answered by SYN-ACK) in which the client sent
/// data and that ended within <see cref="APlaneOptions.BruteForceMaxDuration"/>; the service is one of
/// <see cref="APlaneOptions.BruteForcePorts"/>, or any port when the client's first bytes are an HTTP request with an
/// Authorization header. Thresholds follow Zeek's SSH guessing detector (30 attempts in 30 minutes); similarity is a
/// bound on the spread of the client's payload sizes.
/// </summary>
public sealed class BruteForceDetector
{
    private static readonly byte[] AuthorizationHeader = "\r\nAuthorization:"u8.ToArray();

    private readonly APlaneOptions _options;
    private readonly Dictionary<ServiceKey, List<Attempt>> _attempts = [];

    public BruteForceDetector(APlaneOptions? options = null) => _options = options ?? APlaneOptions.Default;

    /// <summary>Takes one finished flow.</summary>
    public void Observe(Flow flow)
    {
        if (flow.Protocol != (byte)IpProtocol.Tcp || !FlowFacts.SentSyn(flow) || !FlowFacts.AnsweredSyn(flow)
            || flow.SourcePayloadBytes == 0 || flow.DurationNs > _options.BruteForceMaxDuration.Ticks * 100)
        {
            return;
        }

        if (!_options.BruteForcePorts.Contains(flow.DestinationPort) && !(_options.BruteForceHttpAuth && IsHttpAuth(flow.SourcePayloadPrefix)))
        {
            return;
        }

        var key = new ServiceKey(flow.Source, flow.Destination, flow.DestinationPort);
        if (!_attempts.TryGetValue(key, out var list))
        {
            _attempts[key] = list = [];
        }

        list.Add(new Attempt(flow.StartNs, flow.DurationNs, flow.SourcePayloadBytes));
    }

    /// <summary>Adds what another detector (fed with other flows) has seen.</summary>
    public void Merge(BruteForceDetector other)
    {
        foreach (var (key, attempts) in other._attempts)
        {
            if (!_attempts.TryGetValue(key, out var list))
            {
                _attempts[key] = list = [];
            }

            list.AddRange(attempts);
        }
    }

    /// <summary>One activity per attacked service.</summary>
    public List<Activity> Complete()
    {
        var result = new List<Activity>();
        foreach (var (key, attempts) in _attempts)
        {
            if (attempts.Count < _options.BruteForceMinAttempts)
            {
                continue;
            }

            attempts.Sort(static (x, y) => x.StartNs.CompareTo(y.StartNs));
            var (start, end, count) = SlidingWindow.Busiest(attempts, a => a.StartNs, _ => 1.0, _options.BruteForceWindowNs);
            if (count < _options.BruteForceMinAttempts)
            {
                continue;
            }

            var hit = attempts.GetRange(start, end - start);
            var sizes = hit.Select(a => (double)a.ClientBytes).ToArray();
            var mean = sizes.Average();
            var cv = Math.Sqrt(sizes.Sum(s => (s - mean) * (s - mean)) / sizes.Length) / mean;
            if (cv > _options.BruteForceMaxSizeCv)
            {
                continue;
            }

            var durations = hit.Select(a => a.DurationNs).Order().ToArray();
            var medianSeconds = durations[durations.Length / 2] / 1e9;
            var service = "tcp/" + key.Port.ToString(CultureInfo.InvariantCulture);
            result.Add(new Activity(
                ActivityType.BruteForce,
                key.Source,
                $"{key.Server} {service}",
                $"{service}:{Subnets.Narrow(key.Server)}",
                hit[0].StartNs,
                hit[^1].StartNs + hit[^1].DurationNs,
                hit.Count,
                string.Create(CultureInfo.InvariantCulture,
                    $"{hit.Count} short connections to {key.Server}:{key.Port} within {_options.BruteForceWindow.TotalMinutes:0} min (>= {_options.BruteForceMinAttempts}); client bytes mean {mean:0} cv {cv:0.00}; median duration {medianSeconds:0.##} s"),
                _options.BruteForceWeight)
            {
                TargetHost = key.Server,
                PortLow = key.Port,
                PortHigh = key.Port,
            });
        }

        return result;
    }

    /// <summary>An HTTP request whose headers (as far as they are visible) carry an Authorization header (RFC 9110 §11.6.2).</summary>
    internal static bool IsHttpAuth(ReadOnlySpan<byte> request) =>
        HttpPayload.IsRequest(request) && HttpPayload.HeaderBlock(request).IndexOf(AuthorizationHeader) >= 0;

    private readonly record struct ServiceKey(HostAddress Source, HostAddress Server, ushort Port);

    private readonly record struct Attempt(long StartNs, long DurationNs, long ClientBytes);
}
