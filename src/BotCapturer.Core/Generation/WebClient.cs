namespace BotCapturer.Generation;

/// <summary>Browser-like fetches: several objects over one keep-alive connection, plain HTTP on port 80 and TLS 1.3 otherwise.</summary>
internal static class WebClient
{
    private static readonly string[] TextTypes = ["text/html; charset=utf-8", "text/css", "application/javascript", "application/json"];

    /// <summary>Fetches objects of the given sizes (the first is the page) over one connection opened at <paramref name="startNs"/>; returns when the last response ended.</summary>
    public static long Fetch(List<SimPacket> packets, DeterministicRandom random, InternalHost client, RemoteServer server, long startNs, IReadOnlyList<long> sizes, string userAgent)
    {
        var connection = new TcpConnection(packets, random, client, server, server.Port, startNs);
        if (!connection.Open())
        {
            return connection.Now;
        }

        var tls = server.Port != 80;
        if (tls)
        {
            connection.ClientSends(new ByteStream().Add(TlsMessages.ClientHello(random, server.Name, out var sessionId)), ClientThinkNs(random));
            var hello = new ByteStream().Add(TlsMessages.ServerHello(random, sessionId));
            // EncryptedExtensions, Certificate, CertificateVerify, Finished: one encrypted flight of a few kilobytes
            connection.ServerSends(TlsMessages.AppendEncrypted(hello, random.Next(2000, 4200), random), ServerDelayNs(random, 2));
        }

        for (var i = 0; i < sizes.Count; i++)
        {
            var path = HttpMessages.RandomPath(random);
            var request = HttpMessages.BrowserGet(random, server.Name, path, userAgent);
            var contentType = i == 0 ? TextTypes[0] : random.Pick(TextTypes);
            var head = HttpMessages.ResponseHead(connection.Now, contentType, sizes[i], server: random.Chance(0.5) ? "nginx" : "Apache");
            var gap = i == 0 ? ClientThinkNs(random) : random.Next(2_000_000, 80_000_000);
            if (tls)
            {
                var flight = new ByteStream();
                if (i == 0)
                {
                    flight.Add(TlsMessages.ChangeCipherSpec);
                    TlsMessages.AppendEncrypted(flight, 36, random); // Finished
                }

                connection.ClientSends(TlsMessages.AppendEncrypted(flight, request.Length, random), gap);
                var answer = new ByteStream();
                if (i == 0)
                {
                    TlsMessages.AppendEncrypted(answer, random.Next(180, 260), random); // NewSessionTicket
                }

                connection.ServerSends(TlsMessages.AppendEncrypted(answer, head.Length + sizes[i], random), ServerDelayNs(random, 15));
            }
            else
            {
                connection.ClientSends(new ByteStream().Add(request), gap);
                connection.ServerSends(new ByteStream().Add(head).AddFiller(Filler.Text, sizes[i], random), ServerDelayNs(random, 15));
            }
        }

        var end = connection.Now;
        // keep-alive ends: the server's idle timer (nginx keepalive_timeout 75 s, Apache KeepAliveTimeout 5 s) or the browser closes
        if (random.Chance(0.6))
        {
            connection.Close(clientFirst: false, (long)(random.Pick([5.0, 15.0, 60.0, 75.0]) * 1e9));
        }
        else
        {
            connection.Close(clientFirst: true, (long)(random.Uniform(1, 40) * 1e9));
        }

        return end;
    }

    private static long ClientThinkNs(DeterministicRandom random) => random.Next(100_000, 3_000_000);

    private static long ServerDelayNs(DeterministicRandom random, double medianMs) => (long)(Math.Clamp(random.LogNormal(medianMs, 0.8), 0.2, 2000) * 1_000_000);
}
