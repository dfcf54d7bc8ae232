using System.ComponentModel;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>What sets a mapped column apart, beyond its <see cref="Column"/>.</summary>
[Flags]
public enum MappedColumnOptions
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Left out of the entity's SELECT until asked for (<see cref="DeferredAttribute"/>).</summary>
    Deferred = 1,

    /// <summary>The optimistic-concurrency version counter (<see cref="VersionAttribute"/>).</summary>
    Version = 2,
}

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
}

/// <summary>A property of <typeparamref name="TEntity"/> of type <typeparamref name="TValue"/> mapped to a column.</summary>
/// <typeparam name="TEntity">The entity type.</typeparam>
/// <typeparam name="TValue">The property's type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MappedColumn<TEntity, TValue> : MappedColumn
    where TEntity : class
{
    private readonly Func<TEntity, TValue> _get;
    private readonly Action<TEntity, TValue> _set;

    /// <summary>Maps a property.</summary>
    /// <param name="propertyName">The property's name.</param>
    /// <param name="column">Its column.</param>
    /// <param name="get">Reads the backing field.</param>
    /// <param name="set">Writes the backing field.</param>
    /// <param name="options">Deferred, version counter, or neither.</param>
    public MappedColumn(string propertyName, Column<TValue> column, Func<TEntity, TValue> get, Action<TEntity, TValue> set,
        MappedColumnOptions options = MappedColumnOptions.None)
        : base(propertyName, column, options)
    {
        _get = get ?? throw new ArgumentNullException(nameof(get));
        _set = set ?? throw new ArgumentNullException(nameof(set));
    }

    internal TValue Get(TEntity entity) => _get(entity);

    internal override object? Read(object entity) => _get((TEntity)entity);

    internal override bool HoldsDefault(object entity) => EqualityComparer<TValue>.Default.Equals(_get((TEntity)entity), default!);

    internal override void Write(object entity, object? value) =>
        _set((TEntity)entity, value is TValue typed ? typed : ValueConverter.Convert<TValue>(value, Column.Name));
}
