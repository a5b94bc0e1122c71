namespace BotCapturer.Vote;

/// <summary>A host's strongest beacon as the voting step sees it (see BotCapturer.Beaconing).</summary>
/// <param name="Strength">−log10 of the Bonferroni-adjusted p-value of its regularity (higher = more regular).</param>
/// <param name="Target">The server, port and protocol it beacons to, e.g. <c>185.86.148.106:43904/tcp</c>.</param>
/// <param name="Flows">Flows in the C-flow.</param>
/// <param name="PeriodSeconds">Mean interval between their starts.</param>
public sealed record BeaconInput(double Strength, string Target, int Flows, double PeriodSeconds);
