using System.Globalization;

namespace BotCapturer.Generation;

/// <summary>A host that sends mail now and then through the organisation's one relay (a mail client, a scanner-to-mail printer).</summary>
internal sealed class MailClient : Actor
{
    private readonly InternalHost _host;
    private readonly RemoteServer _relay;
    private readonly string _domain;

    public MailClient(DeterministicRandom random, long firstNs, InternalHost host, RemoteServer relay, string domain)
        : base(random, firstNs)
    {
        _host = host;
        _relay = relay;
        _domain = domain;
    }

    public override void Act(Simulation simulation)
    {
        var packets = new List<SimPacket>();
        var user = "user" + (_host.Address & 0xFFFF).ToString(CultureInfo.InvariantCulture);
        var to = $"{Random.Pick(["sales", "info", "j.smith", "accounts", "team"])}@{Random.Pick(["partner-example.com", "client-example.net", _domain])}";
        var end = SmtpSession.Send(packets, Random, _host, _relay, NextNs, $"ws-{_host.Address & 0xFFFF:x4}.{_domain}", $"{user}@{_domain}", to,
            (long)Math.Clamp(Random.LogNormal(4000, 1.0), 300, 500_000));
        simulation.AddPackets(packets);
        NextNs = Math.Max(end, NextNs) + (long)(Random.Exponential(2400) * 1e9) + 1_000_000_000;
    }
}
