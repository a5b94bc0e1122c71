namespace BotCapturer.Cli;

/// <summary>
/// A parsed verb that knows how to run itself. Every class with CommandLineParser's <c>[Verb]</c> attribute in this
/// assembly implements it and is found by <see cref="CliParser"/>; adding a command touches no central list.
/// </summary>
internal interface ICommandVerb
{
    /// <summary>Checks option values beyond what the parser checks; returns a one-line problem or null.</summary>
    string? Validate();

    Task<int> RunAsync(CliContext context, CancellationToken cancellationToken);
}
