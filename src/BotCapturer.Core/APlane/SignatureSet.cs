using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BotCapturer.APlane;

/// <summary>
/// A list of payload signatures read from JSON:
/// <code>{ "signatures": [ { "name", "family", "protocol": "tcp|udp|any", "ports": [..], "direction": "client|server|any",
///   "pattern": "regex", "weight": 2, "host": "source|destination", "source": "where it comes from" } ] }</code>
/// Parsing is pure; the caller reads the file.
/// </summary>
public sealed partial class SignatureSet
{
    private SignatureSet(IReadOnlyList<Signature> signatures) => Signatures = signatures;

    /// <summary>The signatures, in file order.</summary>
    public IReadOnlyList<Signature> Signatures { get; }

    /// <summary>Joins several sets (the shipped file and a user's own); a later signature with a name already used is an error.</summary>
    public static SignatureSet Combine(IEnumerable<SignatureSet> sets)
    {
        var all = sets.SelectMany(s => s.Signatures).ToList();
        var duplicate = all.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"signature name '{duplicate.Key}' is defined twice");
        }

        return new SignatureSet(all);
    }

    /// <summary>Parses a signatures document; a bad entry throws <see cref="FormatException"/> naming it.</summary>
    public static SignatureSet Parse(string json)
    {
        SignatureFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, SignatureJson.Default.SignatureFile);
        }
        catch (JsonException e)
        {
            throw new FormatException("not a signatures document: " + e.Message, e);
        }

        if (file?.Signatures is null)
        {
            throw new FormatException("no \"signatures\" array");
        }

        var list = new List<Signature>(file.Signatures.Count);
        for (var i = 0; i < file.Signatures.Count; i++)
        {
            list.Add(ToSignature(file.Signatures[i], i));
        }

        return Combine([new SignatureSet(list)]);
    }

    private static Signature ToSignature(SignatureEntry entry, int index)
    {
        var name = string.IsNullOrWhiteSpace(entry.Name) ? $"#{index + 1}" : entry.Name;
        string Bad(string what) => $"signature '{name}': {what}";
        if (string.IsNullOrWhiteSpace(entry.Name))
        {
            throw new FormatException(Bad("has no name"));
        }

        if (string.IsNullOrEmpty(entry.Pattern))
        {
            throw new FormatException(Bad("has no pattern"));
        }

        byte? protocol = (entry.Protocol ?? "any").ToUpperInvariant() switch
        {
            "ANY" => null,
            "TCP" => 6,
            "UDP" => 17,
            var other => throw new FormatException(Bad($"protocol '{other.ToLowerInvariant()}' is not tcp, udp or any")),
        };
        var direction = (entry.Direction ?? "any").ToUpperInvariant() switch
        {
            "CLIENT" => SignatureDirection.Client,
            "SERVER" => SignatureDirection.Server,
            "ANY" => SignatureDirection.Any,
            var other => throw new FormatException(Bad($"direction '{other.ToLowerInvariant()}' is not client, server or any")),
        };
        var hostIsDestination = (entry.Host ?? "source").ToUpperInvariant() switch
        {
            "SOURCE" => false,
            "DESTINATION" => true,
            var other => throw new FormatException(Bad($"host '{other.ToLowerInvariant()}' is not source or destination")),
        };
        var weight = entry.Weight ?? 1.0;
        if (!(weight >= 1.0))
        {
            throw new FormatException(Bad(string.Create(CultureInfo.InvariantCulture, $"weight {weight} is below 1 (BotMiner's w(A) >= 1)")));
        }

        Regex regex;
        try
        {
            regex = new Regex(entry.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(250));
        }
        catch (ArgumentException e)
        {
            throw new FormatException(Bad("pattern does not compile: " + e.Message), e);
        }

        return new Signature(
            entry.Name, entry.Family ?? string.Empty, protocol, (entry.Ports ?? []).ToFrozenSet(), direction, regex, weight, hostIsDestination,
            entry.Source ?? string.Empty);
    }

    /// <summary>
    /// The document's shape, read by code the JSON source generator writes at build time: reflection-based reading
    /// JIT-compiled about 140 methods (converters, emitted accessors) at every start of `run`, before the first packet.
    /// </summary>
    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
    [JsonSerializable(typeof(SignatureFile))]
    private sealed partial class SignatureJson : JsonSerializerContext;

    private sealed class SignatureFile
    {
        public List<SignatureEntry>? Signatures { get; set; }
    }

    private sealed class SignatureEntry
    {
        public string? Name { get; set; }

        public string? Family { get; set; }

        public string? Protocol { get; set; }

        public List<ushort>? Ports { get; set; }

        public string? Direction { get; set; }

        public string? Pattern { get; set; }

        public double? Weight { get; set; }

        public string? Host { get; set; }

        public string? Source { get; set; }
    }
}
