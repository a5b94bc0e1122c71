namespace BotCapturer.APlane;

/// <summary>Which payload prefix of a flow a signature reads.</summary>
public enum SignatureDirection
{
    /// <summary>What the initiator sent.</summary>
    Client,

    /// <summary>What the responder sent.</summary>
    Server,

    /// <summary>Either.</summary>
    Any,
}
