using System.Data.Common;

namespace Framework.Orm;

/// <summary>
/// Where one entity's columns are in the rows of a statement: which mapped columns, from which position, and so where its
/// primary key is. Made once per statement, so that each row is read by position with nothing looked up.
/// </summary>
internal sealed class EntityLayout
{
    private readonly int[] _keyOrdinals;

    public EntityLayout(MappedColumn[] columns, int offset = 0)
    {
        Columns = columns;
        Offset = offset;
        Mapper = columns[0].Mapper;
        var key = Mapper.PrimaryKey;
        _keyOrdinals = new int[key.Length];
        for (var i = 0; i < key.Length; i++)
        {
            var position = Array.IndexOf(columns, key[i]);
            if (position < 0)
                throw new InvalidOperationException($"An ORM SELECT of {Mapper.EntityType.Name} left out its key column {key[i].PropertyName}; this is a bug in Framework.");
            _keyOrdinals[i] = offset + position;
        }
        KeyPosition = key.Length == 1 ? _keyOrdinals[0] - offset : -1;
        Unselected = columns.Length == Mapper.Columns.Count ? [] : [.. Mapper.Columns.Where(c => Array.IndexOf(columns, c) < 0)];
    }

    public EntityMapper Mapper { get; }

    /// <summary>The entity's columns the statement selects, in the order of the row.</summary>
    public MappedColumn[] Columns { get; }

    /// <summary>The position in the row of the first of <see cref="Columns"/>.</summary>
    public int Offset { get; }

    /// <summary>The position in <see cref="Columns"/> of a single-column key, which <see cref="ReadKey"/> has read; -1 for a composite key.</summary>
    public int KeyPosition { get; }

    /// <summary>The entity's columns the statement does not select (deferred ones, or a refresh of a few).</summary>
    public MappedColumn[] Unselected { get; }

    /// <summary>The identity key of the reader's row, read typed.</summary>
    public IdentityKey ReadKey(DbDataReader reader)
    {
        var key = Mapper.PrimaryKey;
        if (key.Length == 1)
            return key[0].ReadKey(reader, _keyOrdinals[0]);
        var values = new object?[key.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = key[i].ReadValue(reader, _keyOrdinals[i]);
        return new CompositeIdentityKey(Mapper, values);
    }

    /// <summary>Whether the row holds no instance: a LEFT OUTER JOIN that matched nothing gives a null key.</summary>
    public bool HasNullKey(DbDataReader reader)
    {
        foreach (var ordinal in _keyOrdinals)
        {
            if (reader.IsDBNull(ordinal))
                return true;
        }
        return false;
    }
}
