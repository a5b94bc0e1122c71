namespace BotCapturer.Generation;

/// <summary>The operating system of a simulated internal host: it sets TTL, windows, ports and SYN retries.</summary>
internal enum HostOs
{
    Windows,
    Linux,
    MacOs,
}
