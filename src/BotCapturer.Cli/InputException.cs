namespace BotCapturer.Cli;

/// <summary>Bad input the user can fix: reported as one line, exit code 1.</summary>
internal sealed class InputException(string message) : Exception(message);
