using System.Diagnostics.CodeAnalysis;

namespace BotCapturer.Collections;

/// <summary>
/// A read-only view of a dictionary with each value mapped by <c>project</c> when read: several per-key tables
/// (a host's score, its evenness) served by one dictionary, without building one dictionary per table.
/// </summary>
public sealed class ProjectedDictionary<TKey, TSource, TValue>(IReadOnlyDictionary<TKey, TSource> source, Func<TSource, TValue> project)
    : IReadOnlyDictionary<TKey, TValue>
{
    public int Count => source.Count;

    public IEnumerable<TKey> Keys => source.Keys;

    public IEnumerable<TValue> Values => source.Values.Select(project);

    public TValue this[TKey key] => project(source[key]);

    public bool ContainsKey(TKey key) => source.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (source.TryGetValue(key, out var item))
        {
            value = project(item);
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        source.Select(pair => KeyValuePair.Create(pair.Key, project(pair.Value))).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
