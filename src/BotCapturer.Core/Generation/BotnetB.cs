using System.Globalization;
using System.Text;

namespace BotCapturer.Generation;

/// <summary>Botnet B's shared infrastructure and orders: the C&amp;C server, the binary's distribution server, update and spam orders.</summary>
internal sealed class BotnetB
{
    public BotnetB(RemoteServer commandServer, RemoteServer distributionServer, DnsService dns, Internet internet, Campaigns updates, Campaigns spamOrders, int binaryLength, uint linkTime)
    {
        CommandServer = commandServer;
        DistributionServer = distributionServer;
        Dns = dns;
        Internet = internet;
        Updates = updates;
        SpamOrders = spamOrders;
        Binary = new ByteStream();
        Binary.Add(PeImage.Header(linkTime)).AddFiller(Filler.Binary, binaryLength - PeImage.HeaderLength, new DeterministicRandom(linkTime));
        BinaryName = "upd" + (linkTime % 1000).ToString(CultureInfo.InvariantCulture) + ".exe";
    }

    public RemoteServer CommandServer { get; }

    public RemoteServer DistributionServer { get; }

    public DnsService Dns { get; }

    public Internet Internet { get; }

    public Campaigns Updates { get; }

    public Campaigns SpamOrders { get; }

    /// <summary>The executable every bot downloads (one file: same bytes for all).</summary>
    public ByteStream Binary { get; }

    public string BinaryName { get; }

    /// <summary>An HTTP/1.0 GET of the binary from the distribution server: a bare head in one write, then the file (so the file's first segment starts with "MZ").</summary>
    public void Download(List<SimPacket> packets, DeterministicRandom random, InternalHost host, long atNs)
    {
        var ready = Dns.Lookup(packets, host, random, DistributionServer.Name, atNs);
        var connection = new TcpConnection(packets, random, host, DistributionServer, 80, ready);
        if (!connection.Open())
        {
            return;
        }

        var request = $"GET /files/{BinaryName} HTTP/1.1\r\nHost: {DistributionServer.Name}\r\nUser-Agent: Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1)\r\nAccept: */*\r\n\r\n";
        connection.ClientSends(new ByteStream().Add(Encoding.ASCII.GetBytes(request)), 300_000);
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"HTTP/1.0 200 OK\r\nContent-Length: {Binary.Length}\r\n\r\n"));
        connection.ServerSends(new ByteStream().Add(head), (long)(random.Uniform(3, 20) * 1e6));
        connection.ServerContinues(Binary, random.Next(20_000, 200_000));
        connection.Close(clientFirst: false);
    }
}
