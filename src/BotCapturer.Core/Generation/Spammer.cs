using System.Globalization;

namespace BotCapturer.Generation;

/// <summary>
/// A spam run: for each of many recipient domains, an MX lookup and an SMTP delivery straight to that domain's mail
/// exchanger on port 25 (Ramachandran and Feamster, SIGCOMM 2006: bots deliver directly to many distinct MX hosts).
/// Some exchangers reject the recipient, refuse the connection or do not answer.
/// </summary>
internal sealed class Spammer : Actor
{
    private readonly InternalHost _host;
    private readonly BotnetB _botnet;
    private readonly string _heloName;
    private int _remaining;

    public Spammer(DeterministicRandom random, long firstNs, InternalHost host, BotnetB botnet)
        : base(random, firstNs)
    {
        _host = host;
        _botnet = botnet;
        _remaining = random.Next(5, 12);
        _heloName = random.Pick(["localhost", "user-pc", "DESKTOP-" + random.NextUInt32().ToString("X7", CultureInfo.InvariantCulture)[..7]]);
    }

    public override void Act(Simulation simulation)
    {
        var packets = new List<SimPacket>();
        var internet = _botnet.Internet;
        var domain = internet.MailDomains[Random.Next(internet.MailDomains.Count)];
        var exchanger = internet.MailExchangers[domain];
        var ready = _botnet.Dns.Lookup(packets, _host, Random, domain, NextNs, DnsWire.TypeMx);
        var roll = Random.NextDouble();
        var answer = roll < 0.08 ? TcpAnswer.Refuse : roll < 0.13 ? TcpAnswer.Silent : TcpAnswer.Accept;
        var recipient = Random.Pick(["info", "admin", "sales", "contact", "office", "j.miller", "anna", "support"]) + "@" + domain;
        var sender = Random.Pick(["billing", "service", "noreply", "payments", "alert"]) + "@" + internet.MailDomains[Random.Next(internet.MailDomains.Count)];
        SmtpSession.Send(packets, Random, _host, exchanger, ready, _heloName, sender, recipient,
            Random.Next(1200, 2000), recipientRejected: Random.Chance(0.15), answer: answer);
        simulation.AddPackets(packets);
        _remaining--;
        NextNs = _remaining > 0 ? Math.Max(NextNs + 1, ready) + (long)(Random.Uniform(0.3, 4) * 1e9) : long.MaxValue;
    }
}
