using System.Collections;

namespace Framework;

/// <summary>
/// One row of a result: a tuple readable by position (<c>row[0]</c>), by column name (<c>row["name"]</c>), typed
/// (<c>row.Get&lt;int&gt;(0)</c>) or by deconstruction (<c>var (id, name) = row;</c>). Rows compare by value.
/// </summary>
public sealed class Row : IReadOnlyList<object?>, IEquatable<Row>
{
    private readonly object?[] _values;

    internal Row(ResultMetadata metadata, object?[] values)
    {
        Metadata = metadata;
        _values = values;
    }

    internal ResultMetadata Metadata { get; }

    /// <summary>The number of columns.</summary>
    public int Count => _values.Length;

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Keys => Metadata.Keys;

    /// <summary>The value at a position; null for SQL NULL.</summary>
    public object? this[int index] => _values[index];

    /// <summary>The value of a named column; null for SQL NULL.</summary>
    public object? this[string name] => _values[Metadata.RequireIndex(name)];

    /// <summary>A read-only dictionary view of this row, by column name (SQLAlchemy's <c>row._mapping</c>).</summary>
    public RowMapping Mapping => new(this);

    /// <summary>The value at a position converted to <typeparamref name="T"/> (integers widen or narrow, strings parse).</summary>
    public T Get<T>(int index) => ValueConverter.Convert<T>(_values[index], Metadata.Keys[index]);

    /// <summary>The value of a named column converted to <typeparamref name="T"/>.</summary>
    public T Get<T>(string name) => Get<T>(Metadata.RequireIndex(name));

    /// <summary>A copy of the values.</summary>
    public object?[] ToArray() => (object?[])_values.Clone();

    /// <summary>Deconstructs a two-column row.</summary>
    public void Deconstruct(out object? first, out object? second)
    {
        Expect(2);
        (first, second) = (_values[0], _values[1]);
    }

    /// <summary>Deconstructs a three-column row.</summary>
    public void Deconstruct(out object? first, out object? second, out object? third)
    {
        Expect(3);
        (first, second, third) = (_values[0], _values[1], _values[2]);
    }

    /// <summary>Deconstructs a four-column row.</summary>
    public void Deconstruct(out object? first, out object? second, out object? third, out object? fourth)
    {
        Expect(4);
        (first, second, third, fourth) = (_values[0], _values[1], _values[2], _values[3]);
    }

    /// <summary>Deconstructs a five-column row.</summary>
    public void Deconstruct(out object? first, out object? second, out object? third, out object? fourth, out object? fifth)
    {
        Expect(5);
        (first, second, third, fourth, fifth) = (_values[0], _values[1], _values[2], _values[3], _values[4]);
    }

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <summary>The row as a tuple, like <c>(1, some name 1)</c>.</summary>
    public override string ToString() => RowFormatter.Format(_values);

    /// <inheritdoc />
    public bool Equals(Row? other)
    {
        if (other is null || other._values.Length != _values.Length)
            return false;
        for (var i = 0; i < _values.Length; i++)
        {
            if (!Equals(_values[i], other._values[i]))
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Row row && Equals(row);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
            hash.Add(value);
        return hash.ToHashCode();
    }

    private void Expect(int count)
    {
        if (_values.Length != count)
            throw new InvalidOperationException($"Cannot deconstruct a row of {_values.Length} columns ({string.Join(", ", Metadata.Keys)}) into {count} variables.");
    }
}
