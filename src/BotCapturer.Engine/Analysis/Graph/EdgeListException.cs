namespace BotCapturer.Engine.Analysis.Graph;

/// <summary>A bad edge-list or label file: the message names the file and the 1-based line.</summary>
public sealed class EdgeListException : Exception
{
    /// <summary>A problem at <paramref name="line"/> of <paramref name="path"/> (line 0: the file itself).</summary>
    public EdgeListException(string path, long line, string problem)
        : base(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
    {
        Path = path;
        Line = line;
    }

    public EdgeListException()
    {
        Path = string.Empty;
    }

    public EdgeListException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    public EdgeListException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>1-based line, 0 for the file as a whole.</summary>
    public long Line { get; }
}
