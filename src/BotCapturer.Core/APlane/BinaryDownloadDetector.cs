using System.Globalization;
using System.Security.Cryptography;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.APlane;

/// <summary>
/// Binary downloads (BotMiner §3.3): a PE or ELF header at the start of what a server sent back, that is the HTTP body
/// after the response headers, or the raw TCP payload when the response is not HTTP. The host is the client; the
/// cluster key is a hash of the executable's first <see cref="APlaneOptions.BinaryHashBytes"/> bytes, so hosts that
/// fetch the same binary (from any server) share an A-cluster.
/// </summary>
public sealed class BinaryDownloadDetector
{
    private readonly APlaneOptions _options;
    private readonly Dictionary<DownloadKey, Download> _downloads = [];

    public BinaryDownloadDetector(APlaneOptions? options = null) => _options = options ?? APlaneOptions.Default;

    /// <summary>Takes one finished flow.</summary>
    public void Observe(Flow flow)
    {
        if (flow.Protocol != (byte)IpProtocol.Tcp || flow.DestinationPayloadLength < 16)
        {
            return;
        }

        var response = flow.DestinationPayloadPrefix;
        var http = HttpPayload.IsResponse(response);
        var body = http ? HttpPayload.BodyStart(response) : response;
        var kind = ExecutableHeader.Describe(body);
        if (kind is null)
        {
            return;
        }

        var hashed = body[..Math.Min(body.Length, _options.BinaryHashBytes)];
        var hash = Convert.ToHexStringLower(SHA256.HashData(hashed).AsSpan(0, 8));
        var key = new DownloadKey(flow.Source, flow.Destination, flow.DestinationPort, $"{hash}/{hashed.Length}");
        var request = http && HttpPayload.IsRequest(flow.SourcePayloadPrefix) ? HttpPayload.FirstLine(flow.SourcePayloadPrefix) : null;
        Add(key, new Download(kind, request, flow.StartNs, flow.EndNs, 1, flow.DestinationPayloadBytes));
    }

    /// <summary>Adds what another detector (fed with other flows) has seen.</summary>
    public void Merge(BinaryDownloadDetector other)
    {
        foreach (var (key, download) in other._downloads)
        {
            Add(key, download);
        }
    }

    /// <summary>One activity per (client, server, binary).</summary>
    public List<Activity> Complete() =>
        [.. _downloads.Select(pair =>
        {
            var (key, d) = (pair.Key, pair.Value);
            var via = d.Request is null ? "raw TCP" : "HTTP \"" + d.Request + "\"";
            return new Activity(
                ActivityType.BinaryDownload,
                key.Client,
                string.Create(CultureInfo.InvariantCulture, $"{key.Server}:{key.Port} {d.Kind}"),
                "binary:" + key.Hash,
                d.StartNs,
                d.EndNs,
                d.Count,
                string.Create(CultureInfo.InvariantCulture,
                    $"{d.Kind} from {key.Server}:{key.Port} via {via}; {d.Count} download(s), {d.ServerBytes} response payload bytes; first-bytes hash {key.Hash}"),
                _options.BinaryDownloadWeight)
            {
                TargetHost = key.Server,
                PortLow = key.Port,
                PortHigh = key.Port,
            };
        })];

    private void Add(DownloadKey key, Download download)
    {
        _downloads[key] = _downloads.TryGetValue(key, out var seen)
            ? seen with
            {
                StartNs = Math.Min(seen.StartNs, download.StartNs),
                EndNs = Math.Max(seen.EndNs, download.EndNs),
                Count = seen.Count + download.Count,
                ServerBytes = seen.ServerBytes + download.ServerBytes,
                Request = seen.StartNs <= download.StartNs ? seen.Request ?? download.Request : download.Request ?? seen.Request,
            }
            : download;
    }

    private readonly record struct DownloadKey(HostAddress Client, HostAddress Server, ushort Port, string Hash);

    private sealed record Download(string Kind, string? Request, long StartNs, long EndNs, long Count, long ServerBytes);
}
