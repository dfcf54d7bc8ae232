using System.Collections;

namespace Framework.Sql;

/// <summary>A table's columns, in order and by name: <c>table.C["name"]</c>.</summary>
public sealed class ColumnCollection : IReadOnlyList<Column>
{
    private readonly List<Column> _columns = [];
    private readonly Dictionary<string, Column> _byName = new(StringComparer.Ordinal);
    private readonly string _table;

    internal ColumnCollection(string table) => _table = table;

    /// <summary>The column named <paramref name="name"/>.</summary>
    public Column this[string name] => TryGet(name) ?? throw new KeyNotFoundException(
        $"Table {Identifiers.Quoted(_table)} has no column {Identifiers.Quoted(name)}. Its columns: {Identifiers.Shortened(_columns.Select(c => c.Name))}.");

    /// <summary>The column at a position.</summary>
    public Column this[int index] => _columns[index];

    /// <inheritdoc />
    public int Count => _columns.Count;

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public Column? TryGet(string name) => _byName.GetValueOrDefault(name);

    internal void Add(Column column)
    {
        if (!_byName.TryAdd(column.Name, column))
            throw new ArgumentException($"Table {Identifiers.Quoted(_table)} already has a column named {Identifiers.Quoted(column.Name)}; column names must be unique.");
        _columns.Add(column);
    }

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => _columns.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
