using BotCapturer.CPlane;

namespace BotCapturer.Beaconing;

/// <summary>A C-flow whose flow starts are significantly more regular than independent arrivals.</summary>
/// <param name="Key">The C-flow (protocol, internal host, external server, port).</param>
/// <param name="Flows">Flows in it.</param>
/// <param name="PeriodSeconds">Mean interval between flow starts.</param>
/// <param name="Log10P">log10 of the p-value bound of <see cref="RegularityTest"/>.</param>
/// <param name="Strength">−log10 of the Bonferroni-adjusted p-value (p times the C-flows tested); at least −log10 α.</param>
public sealed record Beacon(CFlowKey Key, int Flows, double PeriodSeconds, double Log10P, double Strength);
