using System.Text;

namespace BotCapturer.Generation;

/// <summary>
/// Shared content that bodies are cut from: 64 KiB of random bytes (TLS ciphertext, compressed or binary data)
/// and 64 KiB of HTML-like text. Both are fixed by constant seeds, so every capture is reproducible.
/// </summary>
internal static class Filler
{
    private static readonly string[] Words =
    [
        "the", "news", "update", "market", "weather", "local", "sports", "video", "photo", "review", "price", "travel",
        "city", "report", "today", "world", "music", "health", "science", "school", "event", "guide", "home", "story",
    ];

    public static readonly ReadOnlyMemory<byte> Binary = MakeBinary();

    public static readonly ReadOnlyMemory<byte> Text = MakeText();

    private static byte[] MakeBinary()
    {
        var bytes = new byte[65536];
        new DeterministicRandom(0x5EED_0001).NextBytes(bytes);
        return bytes;
    }

    private static byte[] MakeText()
    {
        var random = new DeterministicRandom(0x5EED_0002);
        var text = new StringBuilder(70_000);
        while (text.Length < 65536)
        {
            text.Append("<div class=\"item\"><a href=\"/").Append(random.Pick(Words)).Append('/').Append(random.Next(10000, 99999))
                .Append("\">");
            var count = random.Next(4, 14);
            for (var i = 0; i < count; i++)
            {
                text.Append(random.Pick(Words)).Append(' ');
            }

            text.Append("</a></div>\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, 65536));
    }
}
