namespace BotCapturer.Storage.MySql.Xa;

/// <summary>Where an <see cref="XaBranch"/> is in the XA protocol.</summary>
internal enum XaBranchState
{
    None,
    Active,
    Ended,
    Prepared,
    Committed,
    RolledBack,
}
