using System.Globalization;
using System.Text;

namespace BotCapturer.Generation;

/// <summary>An ESMTP transaction (RFC 5321 §3–4): banner, EHLO, MAIL, RCPT, DATA, message, QUIT.</summary>
internal static class SmtpSession
{
    /// <summary>Sends one message; a rejected recipient (550) ends the session after RCPT. Returns when it ended.</summary>
    public static long Send(List<SimPacket> packets, DeterministicRandom random, InternalHost client, RemoteServer server, long startNs,
        string heloName, string from, string to, long messageBytes, bool recipientRejected = false, TcpAnswer answer = TcpAnswer.Accept)
    {
        var connection = new TcpConnection(packets, random, client, server, 25, startNs);
        if (!connection.Open(answer))
        {
            return connection.Now;
        }

        var host = server.Name.Length > 0 ? server.Name : "mail";
        Server(connection, random, $"220 {host} ESMTP Postfix\r\n", 20);
        Client(connection, random, $"EHLO {heloName}\r\n");
        Server(connection, random, $"250-{host}\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8\r\n", 2);
        Client(connection, random, $"MAIL FROM:<{from}>\r\n");
        Server(connection, random, "250 2.1.0 Ok\r\n", 2);
        Client(connection, random, $"RCPT TO:<{to}>\r\n");
        if (recipientRejected)
        {
            Server(connection, random, $"550 5.1.1 <{to}>: Recipient address rejected: User unknown in virtual mailbox table\r\n", 5);
        }
        else
        {
            Server(connection, random, "250 2.1.5 Ok\r\n", 5);
            Client(connection, random, "DATA\r\n");
            Server(connection, random, "354 End data with <CR><LF>.<CR><LF>\r\n", 1);
            connection.ClientSends(Message(random, from, to, connection.Now, messageBytes), 200_000);
            var queueId = random.NextUInt64().ToString("X10", CultureInfo.InvariantCulture)[..10];
            Server(connection, random, $"250 2.0.0 Ok: queued as {queueId}\r\n", 30);
        }

        Client(connection, random, "QUIT\r\n");
        Server(connection, random, "221 2.0.0 Bye\r\n", 1);
        var end = connection.Now;
        connection.Close(clientFirst: false);
        return end;
    }

    private static ByteStream Message(DeterministicRandom random, string from, string to, long timeNs, long bodyBytes)
    {
        var date = DateTimeOffset.FromUnixTimeMilliseconds(timeNs / 1_000_000).ToString("r", CultureInfo.InvariantCulture);
        var id = random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture);
        var head = Encoding.ASCII.GetBytes(
            $"From: <{from}>\r\nTo: <{to}>\r\nSubject: {random.Pick(["Invoice", "Meeting notes", "Re: your order", "Document", "Update"])} {random.Next(100, 9999)}\r\nDate: {date}\r\nMessage-ID: <{id}@{from.Split('@')[1]}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        var stream = new ByteStream().Add(head);
        // body lines of at most 76 characters (RFC 5322 §2.1.1 recommends 78)
        var text = Filler.Text;
        var remaining = bodyBytes;
        var offset = random.Next(text.Length - 100);
        while (remaining > 0)
        {
            var line = (int)Math.Min(76, remaining);
            if (offset + line > text.Length)
            {
                offset = 0;
            }

            stream.Add(text.Slice(offset, line)).Add("\r\n"u8.ToArray());
            offset += line;
            remaining -= line;
        }

        return stream.Add("\r\n.\r\n"u8.ToArray());
    }

    private static void Client(TcpConnection connection, DeterministicRandom random, string line) =>
        connection.ClientSends(new ByteStream().Add(Encoding.ASCII.GetBytes(line)), random.Next(100_000, 2_000_000));

    private static void Server(TcpConnection connection, DeterministicRandom random, string line, double medianMs) =>
        connection.ServerSends(new ByteStream().Add(Encoding.ASCII.GetBytes(line)), (long)(Math.Clamp(random.LogNormal(medianMs, 0.6), 0.1, 5000) * 1_000_000));
}
