using System.Globalization;
using BotCapturer.CPlane;

namespace BotCapturer.Cli.Options;

/// <summary>Turns <see cref="ICPlaneOptionSet"/> values into <see cref="CPlaneOptions"/>; side-effect free except for reading the whitelist file.</summary>
internal static class CPlaneOptionParser
{
    /// <summary>The options, or a one-line problem in <paramref name="error"/>.</summary>
    public static CPlaneOptions? TryCreate(ICPlaneOptionSet set, out string? error)
    {
        error = null;
        if (!TryParseDuration(set.Epoch, out var epoch))
        {
            error = $"--epoch: '{set.Epoch}' is not a duration (e.g. 24h, 30m, 3600s)";
            return null;
        }

        TimeSpan? window = null;
        if (set.FphWindow is not null)
        {
            if (!TryParseDuration(set.FphWindow, out var w))
            {
                error = $"--fph-window: '{set.FphWindow}' is not a duration (e.g. 1h, 30s)";
                return null;
            }

            window = w;
        }

        var method = set.ClusterMethod.ToLowerInvariant() switch
        {
            "xmeans" or "x-means" => ClusterMethod.XMeans,
            "dbscan" => (ClusterMethod?)ClusterMethod.Dbscan,
            _ => null,
        };
        if (method is null)
        {
            error = $"--cluster: unknown method '{set.ClusterMethod}' (xmeans or dbscan)";
            return null;
        }

        var filterInternal = !string.Equals(set.Internal, "none", StringComparison.OrdinalIgnoreCase);
        CidrSet internalNets, whitelist;
        try
        {
            internalNets = filterInternal ? CidrSet.Parse(set.Internal.Split(',')) : CidrSet.Empty;
        }
        catch (FormatException e)
        {
            error = "--internal: " + e.Message;
            return null;
        }

        try
        {
            whitelist = set.Whitelist is null ? CidrSet.Empty : CidrSet.Parse(ReadList(set.Whitelist));
        }
        catch (FormatException e)
        {
            error = $"--whitelist {set.Whitelist}: {e.Message}";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"--whitelist {set.Whitelist}: {e.Message}";
            return null;
        }

        var options = new CPlaneOptions
        {
            Epoch = epoch,
            FphWindow = window,
            FilterInternal = filterInternal,
            Internal = internalNets,
            Whitelist = whitelist,
            KeepSinglePacket = set.KeepSinglePacket,
            KeepUnestablished = set.KeepUnestablished,
            Method = method.Value,
            KMax = set.KMax,
            Seed = set.Seed,
            Eps = set.Eps,
            MinSamples = set.MinSamples,
        };
        error = options.Validate();
        return error is null ? options : null;
    }

    /// <summary>A duration: a positive number with an optional unit s (default), m, h or d.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        var unit = char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsLetter(text[^1]) ? text[..^1] : text;
        var scale = unit switch { 's' => 1.0, 'm' => 60.0, 'h' => 3600.0, 'd' => 86400.0, _ => 0 };
        if (scale == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || value * scale > 1e9)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    private static IEnumerable<string> ReadList(string path) =>
        File.ReadAllLines(path)
            .Select(static line => line.Split('#')[0].Trim())
            .Where(static line => line.Length > 0);
}
