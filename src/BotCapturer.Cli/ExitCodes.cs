namespace BotCapturer.Cli;

/// <summary>DESIGN.md: 0 done, 1 bad input or usage, 2 environment (database unreachable, missing native library).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int Environment = 2;
    public const int Interrupted = 130;
}
