namespace BotCapturer.APlane;

/// <summary>The kinds of activity the A-plane detects (BotMiner §3.3: scan, spam, binary download, exploit; plus brute force and payload signatures).</summary>
public enum ActivityType
{
    /// <summary>Many distinct destinations on one port, or many ports on one destination, with failed connections.</summary>
    Scan,

    /// <summary>Many short, similar connections from one source to one authentication service.</summary>
    BruteForce,

    /// <summary>A PE or ELF executable at the start of a response.</summary>
    BinaryDownload,

    /// <summary>SMTP connections from one host to many distinct mail servers.</summary>
    Spam,

    /// <summary>A payload pattern from the signatures file.</summary>
    Signature,

    /// <summary>An HTTP request received from a server on a connection the host opened, sent on by the host to another server.</summary>
    Relay,
}
