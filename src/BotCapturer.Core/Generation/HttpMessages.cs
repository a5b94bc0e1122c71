using System.Globalization;
using System.Text;

namespace BotCapturer.Generation;

/// <summary>HTTP/1.1 request and response heads (RFC 9112) for simulated browsing and bot traffic.</summary>
internal static class HttpMessages
{
    public static readonly string[] BrowserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    ];

    private static readonly string[] PathWords = ["index", "news", "article", "static", "assets", "img", "js", "css", "api", "search", "item", "page", "v2", "media"];

    private static readonly string[] Extensions = [".html", ".js", ".css", ".json", "", "/"];

    public static string RandomPath(DeterministicRandom random)
    {
        var builder = new StringBuilder();
        var depth = random.Next(1, 4);
        for (var i = 0; i < depth; i++)
        {
            builder.Append('/').Append(random.Pick(PathWords));
        }

        builder.Append('/').Append(random.Next(1000, 999_999).ToString(CultureInfo.InvariantCulture)).Append(random.Pick(Extensions));
        if (random.Chance(0.3))
        {
            builder.Append("?v=").Append(random.NextUInt32().ToString("x8", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>A browser's GET, with a cookie of random length on most sites.</summary>
    public static byte[] BrowserGet(DeterministicRandom random, string host, string path, string userAgent)
    {
        var builder = new StringBuilder(512);
        builder.Append("GET ").Append(path).Append(" HTTP/1.1\r\nHost: ").Append(host)
            .Append("\r\nUser-Agent: ").Append(userAgent)
            .Append("\r\nAccept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\nAccept-Language: en-US,en;q=0.5\r\nAccept-Encoding: identity\r\nConnection: keep-alive\r\n");
        if (random.Chance(0.6))
        {
            builder.Append("Cookie: sid=");
            var length = random.Next(16, 200);
            for (var i = 0; i < length; i++)
            {
                builder.Append((char)('a' + random.Next(26)));
            }

            builder.Append("\r\n");
        }

        builder.Append("\r\n");
        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    /// <summary>A response head for a body of <paramref name="contentLength"/> bytes.</summary>
    public static byte[] ResponseHead(long timeNs, string contentType, long contentLength, string server = "nginx", bool close = false)
    {
        var date = DateTimeOffset.FromUnixTimeMilliseconds(timeNs / 1_000_000).ToString("r", CultureInfo.InvariantCulture);
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nServer: {server}\r\nDate: {date}\r\nContent-Type: {contentType}\r\nContent-Length: {contentLength}\r\nConnection: {(close ? "close" : "keep-alive")}\r\n\r\n"));
    }
}
