using System.Text;

namespace BotCapturer.APlane;

/// <summary>Just enough HTTP/1.x (RFC 9112) to find a message's header block and the start of its body in a payload prefix.</summary>
public static class HttpPayload
{
    private static readonly byte[][] Methods =
        [.. new[] { "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "PROPFIND ", "TRACE " }.Select(m => Encoding.ASCII.GetBytes(m))];

    /// <summary>The payload starts like an HTTP/1.x request line.</summary>
    public static bool IsRequest(ReadOnlySpan<byte> payload)
    {
        foreach (var method in Methods)
        {
            if (payload.StartsWith(method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The payload starts like an HTTP/1.x status line.</summary>
    public static bool IsResponse(ReadOnlySpan<byte> payload) => payload.StartsWith("HTTP/1."u8);

    /// <summary>The header block (up to the empty line, or all that is visible).</summary>
    public static ReadOnlySpan<byte> HeaderBlock(ReadOnlySpan<byte> message)
    {
        var end = message.IndexOf("\r\n\r\n"u8);
        return end < 0 ? message : message[..(end + 2)];
    }

    /// <summary>
    /// The visible start of the body of an HTTP response, after the header block and, for chunked transfer coding
    /// (RFC 9112 §7.1), after the first chunk-size line. Empty when the header block is not complete in the prefix.
    /// </summary>
    public static ReadOnlySpan<byte> BodyStart(ReadOnlySpan<byte> response)
    {
        var end = response.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return default;
        }

        var body = response[(end + 4)..];
        if (ContainsIgnoreCase(response[..end], "transfer-encoding: chunked"u8))
        {
            var line = body.IndexOf("\r\n"u8);
            body = line < 0 ? default : body[(line + 2)..];
        }

        return body;
    }

    /// <summary>The first line of the message (request or status line), at most <paramref name="max"/> characters.</summary>
    public static string FirstLine(ReadOnlySpan<byte> message, int max = 120)
    {
        var end = message.IndexOf("\r\n"u8);
        var line = end < 0 ? message : message[..end];
        return Encoding.Latin1.GetString(line[..Math.Min(line.Length, max)]);
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < lowerNeedle.Length && (haystack[i + j] | (haystack[i + j] is >= (byte)'A' and <= (byte)'Z' ? 0x20 : 0)) == lowerNeedle[j])
            {
                j++;
            }

            if (j == lowerNeedle.Length)
            {
                return true;
            }
        }

        return false;
    }
}
