namespace BotCapturer.Generation;

/// <summary>How the server side answers a SYN.</summary>
internal enum TcpAnswer
{
    /// <summary>SYN+ACK: the port is open.</summary>
    Accept,

    /// <summary>RST+ACK: the port is closed.</summary>
    Refuse,

    /// <summary>Nothing: the host is down or filtered.</summary>
    Silent,
}
