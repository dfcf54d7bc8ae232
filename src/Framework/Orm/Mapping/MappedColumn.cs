using System.Data.Common;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// A property mapped to a column (SQLAlchemy's <c>ColumnProperty</c>), as <see cref="EntityMapper.Columns"/> lists it: its
/// name, its <see cref="Sql.Column"/>, and whether it is part of the key, deferred or the version counter.
/// </summary>
public abstract class MappedColumn
{
    private protected MappedColumn(string propertyName, Column column, MappedColumnOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        ArgumentNullException.ThrowIfNull(column);
        PropertyName = propertyName;
        Column = column;
        Options = options;
    }

    /// <summary>The property's name.</summary>
    public string PropertyName { get; }

    /// <summary>The column.</summary>
    public Column Column { get; }

    /// <summary>Deferred, version counter, or neither.</summary>
    public MappedColumnOptions Options { get; }

    /// <summary>The mapping the property belongs to.</summary>
    public EntityMapper Mapper { get; internal set; } = null!;

    /// <summary>The property's position among its entity's mapped columns.</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>Whether it is left out of the entity's SELECT until asked for.</summary>
    public bool Deferred => (Options & MappedColumnOptions.Deferred) != 0;

    /// <summary>Whether it is the optimistic-concurrency version counter.</summary>
    public bool Version => (Options & MappedColumnOptions.Version) != 0;

    /// <summary>Whether it is (part of) the primary key.</summary>
    public bool IsPrimaryKey => Column.PrimaryKey;

    /// <summary>The value held now, read without loading anything.</summary>
    internal abstract object? Read(object entity);

    /// <summary>Whether the value held now is its type's default (0, null, <see cref="Guid.Empty"/>...), read without loading anything.</summary>
    internal abstract bool HoldsDefault(object entity);

    /// <summary>Stores a value loaded from the database, recording nothing.</summary>
    internal abstract void Write(object entity, object? value);

    /// <summary>Stores the value of the reader's column <paramref name="ordinal"/>, read typed, recording nothing.</summary>
    internal abstract void Load(object entity, DbDataReader reader, int ordinal);

    /// <summary>Stores the value of a single-column key read as <paramref name="key"/> (so that the row's key column is not read twice).</summary>
    internal abstract void LoadKey(object entity, IdentityKey key);

    /// <summary>The value of the reader's column <paramref name="ordinal"/>, read as a load reads it, boxed.</summary>
    internal abstract object? ReadValue(DbDataReader reader, int ordinal);

    /// <summary><paramref name="value"/> converted to the property's type, boxed (null stays null).</summary>
    internal abstract object? ConvertValue(object? value);

    /// <summary>The identity key of a single-column primary key whose value is the reader's column <paramref name="ordinal"/>.</summary>
    internal abstract IdentityKey ReadKey(DbDataReader reader, int ordinal);

    /// <summary>The identity key of a single-column primary key whose value an instance holds.</summary>
    internal abstract IdentityKey KeyOf(object entity);

    /// <summary>The identity key of a single-column primary key of value <paramref name="value"/>, converted to the property's type.</summary>
    internal abstract IdentityKey KeyFrom(object? value);
}
