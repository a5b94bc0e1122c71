namespace BotCapturer.Cli;

/// <summary>Turns the command line's captures and folders into a list of files.</summary>
internal static class CaptureInputs
{
    private static readonly string[] Extensions = [".pcap", ".pcapng", ".cap", ".dmp", ".pcap0", ".eth"];

    /// <summary>Expands folders (recursively, capture extensions only, sorted); a missing path is an input error.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs, out string? error)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (input == "-")
            {
                files.Add(input);
            }
            else if (Directory.Exists(input))
            {
                var found = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    error = $"{input}: no capture files (*.pcap, *.pcapng, *.cap) in this folder";
                    return [];
                }

                files.AddRange(found);
            }
            else if (File.Exists(input))
            {
                files.Add(input);
            }
            else
            {
                error = $"{input}: no such file or folder";
                return [];
            }
        }

        error = files.Count == 0 ? "no capture files given" : null;
        return files;
    }
}
