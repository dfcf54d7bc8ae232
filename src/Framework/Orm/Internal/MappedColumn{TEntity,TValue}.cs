using System.ComponentModel;
using System.Data.Common;
using Framework.Sql;

namespace Framework.Orm.Internal;

/// <summary>
/// A property of <typeparamref name="TEntity"/> of type <typeparamref name="TValue"/> mapped to a column, as generated code
/// declares it; read it as a <see cref="MappedColumn"/>.
/// </summary>
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
    /// <param name="read">
    /// Reads the column's value from a row, typed (one of <see cref="ColumnReaders"/>, which the generator picks by the
    /// property's type); <see cref="ColumnReaders.Converted{T}"/> when null.
    /// </param>
    public MappedColumn(string propertyName, Column<TValue> column, Func<TEntity, TValue> get, Action<TEntity, TValue> set,
        MappedColumnOptions options = MappedColumnOptions.None, Func<DbDataReader, int, string, TValue>? read = null)
        : base(propertyName, column, options)
    {
        _get = get ?? throw new ArgumentNullException(nameof(get));
        _set = set ?? throw new ArgumentNullException(nameof(set));
        _read = read ?? ColumnReaders.Converted<TValue>;
    }

    private readonly Func<DbDataReader, int, string, TValue> _read;

    internal TValue Get(TEntity entity) => _get(entity);

    internal override object? Read(object entity) => _get((TEntity)entity);

    internal override bool HoldsDefault(object entity) => EqualityComparer<TValue>.Default.Equals(_get((TEntity)entity), default!);

    internal override void Write(object entity, object? value) => _set((TEntity)entity, Convert(value));

    internal override void Load(object entity, DbDataReader reader, int ordinal) => _set((TEntity)entity, _read(reader, ordinal, Column.Name));

    internal override void LoadKey(object entity, IdentityKey key) => _set((TEntity)entity, ((IdentityKey<TValue>)key).Value);

    internal override object? ReadValue(DbDataReader reader, int ordinal) => _read(reader, ordinal, Column.Name);

    internal override object? ConvertValue(object? value) => Convert(value);

    internal override IdentityKey ReadKey(DbDataReader reader, int ordinal) => new IdentityKey<TValue>(Mapper, _read(reader, ordinal, Column.Name));

    internal override IdentityKey KeyOf(object entity) => new IdentityKey<TValue>(Mapper, _get((TEntity)entity));

    internal override IdentityKey KeyFrom(object? value) => new IdentityKey<TValue>(Mapper, Convert(value));

    private TValue Convert(object? value) => value is TValue typed ? typed : ValueConverter.Convert<TValue>(value, Column.Name);
}
