using System.Security.Cryptography;

namespace BotCapturer.Storage.MySql.Loading;

/// <summary>A capture file as the <c>files</c> table knows it: path, size and SHA-256 of its bytes (what makes it "the same file").</summary>
public sealed record FileIdentity(string Path, long Size, byte[] Sha256)
{
    /// <summary>The hash as lower-case hex.</summary>
    public string HashHex => Convert.ToHexStringLower(Sha256);

    /// <summary>Reads the whole file once to hash it.</summary>
    public static async Task<FileIdentity> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new FileIdentity(System.IO.Path.GetFullPath(path), stream.Length, hash);
    }
}
