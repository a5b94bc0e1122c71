namespace BotCapturer.Net;

/// <summary>
/// Random keys drawn once per process for the hashes of addresses and flow keys, so that traffic crafted to collide
/// in one run's tables does not collide in the next (as <see cref="HashCode"/> is seeded per process). Nothing may
/// depend on hash values across runs: tables keep insertion order or are sorted before output.
/// </summary>
internal static class HashKeys
{
    public static readonly ulong A = (ulong)Random.Shared.NextInt64();
    public static readonly ulong B = (ulong)Random.Shared.NextInt64();
    public static readonly ulong C = (ulong)Random.Shared.NextInt64();
}
