namespace BotCapturer.Vote;

/// <summary>A host of the graph as <see cref="GraphInput.Ranked"/> lists it.</summary>
/// <param name="Host">The host.</param>
/// <param name="Score">Its graph score.</param>
/// <param name="Evenness">Its evenness.</param>
public readonly record struct RankedHost(string Host, double Score, double Evenness);
