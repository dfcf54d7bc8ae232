using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Framework;

/// <summary>A read-only dictionary view of a <see cref="Row"/>, keyed by column name.</summary>
public readonly struct RowMapping : IReadOnlyDictionary<string, object?>
{
    private readonly Row _row;

    internal RowMapping(Row row) => _row = row;

    /// <summary>The row this view reads.</summary>
    public Row Row => _row;

    /// <inheritdoc />
    public object? this[string key] => _row[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _row.Keys;

    /// <inheritdoc />
    public IEnumerable<object?> Values => _row;

    /// <inheritdoc />
    public int Count => _row.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _row.Metadata.IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = _row.Metadata.IndexOf(key);
        value = index >= 0 ? _row[index] : null;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _row.Count; i++)
            yield return new KeyValuePair<string, object?>(_row.Keys[i], _row[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The mapping as <c>{id: 1, name: x}</c>.</summary>
    public override string ToString()
    {
        var parts = new string[_row.Count];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = $"{_row.Keys[i]}: {RowFormatter.FormatValue(_row[i])}";
        return "{" + string.Join(", ", parts) + "}";
    }
}
