using System.Data.Common;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>A tuple of key values compared by value (a parent's key, as its children's foreign keys hold it).</summary>
internal readonly struct ValueKey(object?[] values) : IEquatable<ValueKey>
{
    public object?[] Values { get; } = values;

    /// <summary>The values of <paramref name="columns"/> in an instance.</summary>
    public static ValueKey Of(MappedColumn[] columns, object entity)
    {
        var values = new object?[columns.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = columns[i].Read(entity);
        return new ValueKey(values);
    }

    /// <summary>The values of <paramref name="columns"/>, selected from position <paramref name="start"/> of the reader's row, each as its column's type.</summary>
    public static ValueKey Of(DbDataReader reader, int start, Column[] columns)
    {
        var values = new object?[columns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = reader.GetValue(start + i);
            values[i] = value is DBNull ? null : ValueConverter.ConvertTo(value, columns[i].ClrType, columns[i].Name);
        }
        return new ValueKey(values);
    }

    public bool Equals(ValueKey other)
    {
        if (Values.Length != other.Values.Length)
            return false;
        for (var i = 0; i < Values.Length; i++)
        {
            var (a, b) = (Values[i], other.Values[i]);
            if (AsInt64(a) is { } x ? AsInt64(b) != x : !Equals(a, b))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is ValueKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values)
        {
            if (AsInt64(value) is { } integer)
                hash.Add(integer);
            else
                hash.Add(value);
        }
        return hash.ToHashCode();
    }

    // A foreign key read as long and the key it refers to as int are the same key (compared unboxed: this runs per row).
    private static long? AsInt64(object? value) => value switch
    {
        int i => i,
        short s => s,
        long l => l,
        _ => null,
    };
}
