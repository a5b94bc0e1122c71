using System.Globalization;
using System.Runtime.InteropServices;
using BotCapturer.Collections;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// Scan detection in the spirit of SCADE (BotHunter §4.1, used by BotMiner §3.3): per source, failed connection
/// attempts are counted as distinct destinations on one port (horizontal scan) and distinct ports on one destination
/// (vertical scan), each failure weighted by its port's severity, over a sliding window; the thresholds are Zeek's
/// scan.zeek defaults. State is one entry per distinct (source, destination, protocol, port) failure with its first
/// time, in one flat table (a scan of a million addresses is a million entries, not a million small tables), so
/// detectors fed with different files merge exactly.
/// </summary>
public sealed class ScanDetector
{
    private readonly APlaneOptions _options;
    private readonly FlatMap<Failure, long> _failures = new();
    private readonly Dictionary<HostAddress, long> _unreachablesReceived = [];

    public ScanDetector(APlaneOptions? options = null) => _options = options ?? APlaneOptions.Default;

    /// <summary>Takes one finished flow.</summary>
    public void Observe(Flow flow)
    {
        if (FlowFacts.IsIcmpUnreachable(flow))
        {
            // The failed probe is already a failed flow of its own (no SYN-ACK, no UDP answer), so the ICMP error
            // does not count a second time; it is kept as evidence for the prober (the ICMP flow's destination).
            _unreachablesReceived[flow.Destination] = _unreachablesReceived.GetValueOrDefault(flow.Destination) + flow.SourcePackets;
            return;
        }

        if (!FlowFacts.IsFailedAttempt(flow) || FlowFacts.IsGroupAddress(flow.Destination))
        {
            return;
        }

        AddFirst(new Failure(flow.Source, flow.Destination, flow.Protocol, flow.DestinationPort), flow.StartNs);
    }

    /// <summary>Starts loading the failure entry of <paramref name="flow"/> (if it is one), which <see cref="Observe"/> will look up a few flows later.</summary>
    public void Prefetch(Flow flow)
    {
        if (FlowFacts.IsFailedAttempt(flow))
        {
            _failures.Prefetch(new Failure(flow.Source, flow.Destination, flow.Protocol, flow.DestinationPort));
        }
    }

    /// <summary>Adds what another detector (fed with other flows) has seen.</summary>
    public void Merge(ScanDetector other)
    {
        foreach (var (failure, ns) in other._failures)
        {
            AddFirst(failure, ns);
        }

        foreach (var (host, count) in other._unreachablesReceived)
        {
            _unreachablesReceived[host] = _unreachablesReceived.GetValueOrDefault(host) + count;
        }
    }

    /// <summary>The scans found, one activity per scanned port (horizontal) and per scanned host (vertical).</summary>
    public List<Activity> Complete()
    {
        var result = new List<Activity>();
        var window = _options.ScanWindowNs;
        // Groups come out in the order their first failure was seen, members in the order they were seen (a Dictionary
        // never removed from enumerates in insertion order). Both groupings are filled in one pass over the failures.
        var byPort = new Dictionary<PortKey, List<KeyValuePair<HostAddress, long>>>();
        var byPair = new Dictionary<PairKey, List<KeyValuePair<ushort, long>>>();
        foreach (var (failure, ns) in _failures)
        {
            ref var targetsOfPort = ref CollectionsMarshal.GetValueRefOrAddDefault(byPort, new PortKey(failure.Source, failure.Protocol, failure.Port), out _);
            (targetsOfPort ??= []).Add(KeyValuePair.Create(failure.Target, ns));
            ref var portsOfPair = ref CollectionsMarshal.GetValueRefOrAddDefault(byPair, new PairKey(failure.Source, failure.Target, failure.Protocol), out _);
            (portsOfPair ??= []).Add(KeyValuePair.Create(failure.Port, ns));
        }

        foreach (var (key, targets) in byPort)
        {
            var portWeight = PortWeight(key.Port);
            if (targets.Count * portWeight < _options.HorizontalScanThreshold)
            {
                continue;
            }

            var sorted = targets.OrderBy(t => t.Value).ToList();
            var (start, end, score) = SlidingWindow.Busiest(sorted, t => t.Value, _ => portWeight, window);
            if (score < _options.HorizontalScanThreshold)
            {
                continue;
            }

            var hit = sorted.GetRange(start, end - start);
            var subnet = Subnets.Summarize(hit.Select(t => t.Key).ToList(), _options.TargetSubnetShare);
            var service = FlowFacts.ProtocolName(key.Protocol) + "/" + key.Port.ToString(CultureInfo.InvariantCulture);
            result.Add(new Activity(
                ActivityType.Scan,
                key.Source,
                $"horizontal {service} {subnet}",
                $"horizontal:{service}:{subnet}",
                hit[0].Value,
                hit[^1].Value,
                hit.Count,
                string.Create(CultureInfo.InvariantCulture,
                    $"{hit.Count} distinct destinations failed on {service} within {_options.ScanWindow.TotalSeconds:0} s (score {score:0.##} >= {_options.HorizontalScanThreshold:0.##}; {targets.Count} in all){Unreachables(key.Source)}"),
                _options.ScanWeight)
            {
                PortLow = key.Port,
                PortHigh = key.Port,
            });
        }

        foreach (var (key, ports) in byPair)
        {
            if (ports.Sum(p => PortWeight(p.Key)) < _options.VerticalScanThreshold)
            {
                continue;
            }

            var sorted = ports.OrderBy(p => p.Value).ToList();
            var (start, end, score) = SlidingWindow.Busiest(sorted, p => p.Value, p => PortWeight(p.Key), window);
            if (score < _options.VerticalScanThreshold)
            {
                continue;
            }

            var hit = sorted.GetRange(start, end - start);
            var protocol = FlowFacts.ProtocolName(key.Protocol);
            var (low, high) = (hit.Min(p => p.Key), hit.Max(p => p.Key));
            result.Add(new Activity(
                ActivityType.Scan,
                key.Source,
                string.Create(CultureInfo.InvariantCulture, $"vertical {protocol} {key.Victim} ports {low}-{high}"),
                $"vertical:{protocol}:{Subnets.Narrow(key.Victim)}",
                hit[0].Value,
                hit[^1].Value,
                hit.Count,
                string.Create(CultureInfo.InvariantCulture,
                    $"{hit.Count} distinct {protocol} ports failed on {key.Victim} within {_options.ScanWindow.TotalSeconds:0} s (score {score:0.##} >= {_options.VerticalScanThreshold:0.##}; {ports.Count} in all){Unreachables(key.Source)}"),
                _options.ScanWeight)
            {
                TargetHost = key.Victim,
                PortLow = low,
                PortHigh = high,
            });
        }

        return result;
    }

    private double PortWeight(ushort port) => _options.HighSeverityPorts.Contains(port) ? 1.0 : _options.LowSeverityPortWeight;

    private string Unreachables(HostAddress host) =>
        _unreachablesReceived.TryGetValue(host, out var n) ? string.Create(CultureInfo.InvariantCulture, $"; {n} ICMP unreachable received") : string.Empty;

    private void AddFirst(Failure failure, long ns)
    {
        ref var first = ref _failures.GetValueRefOrAddDefault(failure, out var exists);
        first = exists ? Math.Min(first, ns) : ns;
    }

    /// <summary>One flow's failure key; looked up once per failed flow, so equality and hash are written out (a record
    /// struct's go through the default comparer field by field).</summary>
    private readonly record struct Failure(HostAddress Source, HostAddress Target, byte Protocol, ushort Port)
    {
        public bool Equals(Failure other) =>
            Source.Equals(other.Source) && Target.Equals(other.Target) && Port == other.Port && Protocol == other.Protocol;

        public override int GetHashCode() => Source.GetHashCode() ^ (Target.GetHashCode() * 31) ^ ((Port << 8) | Protocol);
    }

    private readonly record struct PortKey(HostAddress Source, byte Protocol, ushort Port);

    private readonly record struct PairKey(HostAddress Source, HostAddress Victim, byte Protocol);
}
