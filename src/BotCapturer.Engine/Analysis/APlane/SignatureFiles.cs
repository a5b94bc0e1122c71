using BotCapturer.APlane;

namespace BotCapturer.Engine.Analysis.APlane;

/// <summary>Loads payload signatures: the project's own <c>data/signatures.json</c> (embedded at build time) and users' files.</summary>
public static class SignatureFiles
{
    private const string BuiltInResource = "BotCapturer.signatures.json";

    /// <summary>The built-in set, compiled once per process on a pool thread (an immutable set, shared by every run).</summary>
    private static readonly Lazy<Task<SignatureSet>> Shared = new(() => Task.Run(BuiltIn));

    /// <summary>
    /// Starts compiling the built-in signatures in the background. Their regular expressions take tens of milliseconds
    /// to compile, which <c>run</c> can spend while its command line is still being parsed on the other core.
    /// </summary>
    public static void Preload() => _ = Shared.Value;

    /// <summary>The signatures shipped with the project.</summary>
    public static SignatureSet BuiltIn()
    {
        using var stream = typeof(SignatureFiles).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"resource {BuiltInResource} is missing from the build");
        using var reader = new StreamReader(stream);
        return SignatureSet.Parse(reader.ReadToEnd());
    }

    /// <summary>Reads a user's signatures file; a bad file is a <see cref="FormatException"/> that names it.</summary>
    public static async Task<SignatureSet> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{path}: cannot read: {e.Message}", e);
        }

        try
        {
            return SignatureSet.Parse(json);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The built-in signatures plus each user file, in order.</summary>
    public static async Task<SignatureSet> LoadWithBuiltInAsync(IEnumerable<string> userFiles, CancellationToken cancellationToken)
    {
        var sets = new List<SignatureSet> { await Shared.Value };
        foreach (var path in userFiles)
        {
            sets.Add(await LoadAsync(path, cancellationToken));
        }

        return SignatureSet.Combine(sets);
    }
}
