using System.Globalization;
using System.Numerics;
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
        var candidates = new ScanCandidates(this);

        // Groups come out in the order their first failure was seen, members in the order they were seen (a Dictionary
        // never removed from enumerates in insertion order, as does the failure table). Both groupings are filled in
        // one pass over the failures, with only the members of groups that may reach their threshold.
        var byPort = new Dictionary<PortKey, List<KeyValuePair<HostAddress, long>>>();
        var byPair = new Dictionary<PairKey, List<KeyValuePair<ushort, long>>>();
        foreach (var (failure, ns) in _failures)
        {
            var portKey = new PortKey(failure.Source, failure.Protocol, failure.Port);
            if (candidates.MayScanHorizontally(portKey))
            {
                ref var targetsOfPort = ref CollectionsMarshal.GetValueRefOrAddDefault(byPort, portKey, out _);
                (targetsOfPort ??= []).Add(KeyValuePair.Create(failure.Target, ns));
            }

            var pairKey = new PairKey(failure.Source, failure.Target, failure.Protocol);
            if (candidates.MayScanVertically(pairKey))
            {
                ref var portsOfPair = ref CollectionsMarshal.GetValueRefOrAddDefault(byPair, pairKey, out _);
                (portsOfPair ??= []).Add(KeyValuePair.Create(failure.Port, ns));
            }
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

    /// <summary>
    /// Which groups of failures may reach a scan threshold, without a table of all groups: most groups are a host
    /// that failed once or twice, and listing every group's members cost more memory than the rest of the analysis
    /// after the stream. Failures are counted into buckets by the group's hash (one row of a count-min sketch), so a
    /// bucket's count is at least the count of every group in it: a group whose bucket falls short of the threshold
    /// cannot reach it. A group that passes may still fall short; its members are gathered and its exact weight
    /// decides, so the result is the same as weighing every group exactly.
    /// </summary>
    private sealed class ScanCandidates
    {
        // Summing thousands of port weights rounds differently from multiplying counts by weights: the bound is
        // loosened by far more than that rounding, so it never drops a group whose exact sum reaches the threshold.
        private const double Slack = 1 - 1e-9;

        private readonly ScanDetector _detector;
        private readonly int[] _portCounts;
        private readonly int[] _pairHigh;
        private readonly int[] _pairLow;
        private readonly int _shift;

        public ScanCandidates(ScanDetector detector)
        {
            _detector = detector;
            // About two buckets per failure keeps collisions rare (a bucket with n failures of unrelated groups lets a
            // group through only when n reaches the threshold).
            var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, detector._failures.Count * 2));
            _shift = 64 - BitOperations.Log2((uint)size);
            _portCounts = new int[size];
            _pairHigh = new int[size];
            _pairLow = new int[size];
            var high = detector._options.HighSeverityPorts;
            foreach (var (failure, _) in detector._failures)
            {
                _portCounts[Bucket(new PortKey(failure.Source, failure.Protocol, failure.Port).GetHashCode())]++;
                var pair = Bucket(new PairKey(failure.Source, failure.Target, failure.Protocol).GetHashCode());
                if (high.Contains(failure.Port))
                {
                    _pairHigh[pair]++;
                }
                else
                {
                    _pairLow[pair]++;
                }
            }
        }

        /// <summary>Whether the failures on one port of one source may be a horizontal scan (every failure in a group
        /// has the port's weight; a negative weight counts as none, so the bound still holds).</summary>
        public bool MayScanHorizontally(PortKey key) =>
            _portCounts[Bucket(key.GetHashCode())] * Math.Max(0, _detector.PortWeight(key.Port)) >= _detector._options.HorizontalScanThreshold * Slack;

        /// <summary>Whether the failures of one source on one target may be a vertical scan.</summary>
        public bool MayScanVertically(PairKey key)
        {
            var b = Bucket(key.GetHashCode());
            return _pairHigh[b] + (_pairLow[b] * Math.Max(0, _detector._options.LowSeverityPortWeight)) >= _detector._options.VerticalScanThreshold * Slack;
        }

        // Fibonacci hashing: the top bits of the hash times 2^64/φ, so hashes that differ only in low bits spread.
        private int Bucket(int hash) => (int)((ulong)(uint)hash * 0x9E37_79B9_7F4A_7C15UL >> _shift);
    }

    private readonly record struct PortKey(HostAddress Source, byte Protocol, ushort Port);

    private readonly record struct PairKey(HostAddress Source, HostAddress Victim, byte Protocol);
}
