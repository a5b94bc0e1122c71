using BotCapturer.Collections;
using BotCapturer.Net;

namespace BotCapturer.Graph;

/// <summary>
/// Dense integer ids for hosts. A host is an IP address (<see cref="HostAddress"/>, 16 bytes, no string kept) or,
/// for edge lists whose host column is not an address, a name. Ids are assigned in order of first sight.
/// </summary>
public sealed class HostTable
{
    private readonly FlatMap<HostAddress, int> _byAddress = new();
    private readonly List<HostAddress> _addresses = [];
    private Dictionary<string, int>? _byName;
    private Dictionary<int, string>? _names;

    /// <summary>Number of hosts (ids are 0 .. Count-1).</summary>
    public int Count => _addresses.Count;

    /// <summary>The id of an address, adding it when new.</summary>
    public int GetOrAdd(HostAddress address)
    {
        ref var id = ref _byAddress.GetValueRefOrAddDefault(address, out var exists);
        if (!exists)
        {
            id = _addresses.Count;
            _addresses.Add(address);
        }

        return id;
    }

    /// <summary>Starts loading where <paramref name="address"/> is looked up, for a <see cref="GetOrAdd(HostAddress)"/> of it a few flows later.</summary>
    public void Prefetch(HostAddress address) => _byAddress.Prefetch(address);

    /// <summary>The id of a host given as text: an IP address when it parses as one, otherwise a name.</summary>
    public int GetOrAdd(ReadOnlySpan<char> host)
    {
        if (TryParseAddress(host, out var address))
        {
            return GetOrAdd(address);
        }

        _byName ??= new Dictionary<string, int>(StringComparer.Ordinal);
        _names ??= [];
        var lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(host, out var id))
        {
            return id;
        }

        id = _addresses.Count;
        var name = host.ToString();
        _byName.Add(name, id);
        _names.Add(id, name);
        _addresses.Add(default);
        return id;
    }

    /// <summary>Looks up a host given as text without adding it.</summary>
    public bool TryGetId(ReadOnlySpan<char> host, out int id)
    {
        if (TryParseAddress(host, out var address) && _byAddress.TryGetValue(address, out id))
        {
            return true;
        }

        if (_byName is not null && _byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(host, out id))
        {
            return true;
        }

        id = -1;
        return false;
    }

    /// <summary>
    /// Dotted-quad IPv4 or IPv6 text only: <see cref="System.Net.IPAddress"/> also accepts "17" or "1.2" as IPv4,
    /// which would turn numeric node names (common in edge lists) into addresses.
    /// </summary>
    private static bool TryParseAddress(ReadOnlySpan<char> host, out HostAddress address)
    {
        if (TryParseDottedQuad(host, out var v4))
        {
            address = HostAddress.FromIPv4(v4);
            return true;
        }

        if (host.Contains(':') || host.Count('.') == 3)
        {
            return HostAddress.TryParse(host, out address);
        }

        address = default;
        return false;
    }

    // The common case of an edge list, without allocating an IPAddress: four decimal octets, no leading zeros
    // beyond a single 0 (anything else goes to IPAddress.TryParse).
    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var octets = 0;
        var i = 0;
        while (octets < 4)
        {
            var start = i;
            uint octet = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
            {
                octet = (octet * 10) + (uint)(text[i] - '0');
                i++;
            }

            if (i == start || octet > 255 || (i - start > 1 && text[start] == '0'))
            {
                return false;
            }

            value = (value << 8) | octet;
            octets++;
            if (octets < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        return i == text.Length;
    }

    /// <summary>The address of a host, or null when the host is a name.</summary>
    public HostAddress? AddressOf(int id) => _names is not null && _names.ContainsKey(id) ? null : _addresses[id];

    /// <summary>The host as text (the address, or the name it was added with).</summary>
    public string NameOf(int id) => _names is not null && _names.TryGetValue(id, out var name) ? name : _addresses[id].ToString();
}
