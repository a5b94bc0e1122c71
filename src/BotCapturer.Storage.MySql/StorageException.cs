namespace BotCapturer.Storage.MySql;

/// <summary>The database cannot be used (unreachable, wrong credentials, no schema, local_infile off, connection
/// lost): an environment problem, reported as one line with exit code 2.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A request the stored data refuses (a group id that exists with another name): bad input, exit code 1.</summary>
public sealed class StoreConflictException(string message) : Exception(message);
