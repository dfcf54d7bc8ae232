using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Orm;

internal sealed partial class SessionCore
{
    /// <summary>
    /// The instance with primary key <paramref name="id"/> (a value, or an array of values for a composite key): from
    /// the identity map with no SQL when it is there and loaded, else by a SELECT; null when no row has that key.
    /// </summary>
    public async ValueTask<T?> Get<T>(bool async, object id, bool populateExisting, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        using var scope = Enter();
        ArgumentNullException.ThrowIfNull(id);
        var mapper = T.Mapper;
        var key = new IdentityKey(mapper, KeyValues(mapper, id));
        if (!populateExisting && _identity.TryGetValue(key, out var held))
        {
            if (held.Deleted)
                return null;
            if (!held.HasUnloadedNonDeferred())
                return (T)held.Entity;
        }
        ThrowIfFailed();
        await Autoflush(async, cancellationToken).ConfigureAwait(false);
        var statement = new Select<T>().Where(KeyCondition(mapper, key.Values));
        var found = await Load(async, statement, statement.Loaded, populateExisting: true, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : (T)found[0];
    }

    private static object?[] KeyValues(EntityMapper mapper, object id)
    {
        object?[] values = id is object?[] array ? array : [id];
        if (values.Length != mapper.PrimaryKey.Length)
        {
            throw new ArgumentException(
                $"{mapper.EntityType.Name}'s primary key has {mapper.PrimaryKey.Length} column(s) ({string.Join(", ", mapper.PrimaryKey.Select(c => c.PropertyName))}) " +
                $"but {values.Length} value(s) were given; pass a composite key as new object[] {{ ... }} in that order.", nameof(id));
        }
        for (var i = 0; i < values.Length; i++)
        {
            var type = mapper.PrimaryKey[i].Column.ClrType;
            var target = Nullable.GetUnderlyingType(type) ?? type;
            if (values[i] is { } value && value.GetType() != target)
            {
                try
                {
                    values[i] = ValueConverter.ConvertTo(value, target, mapper.PrimaryKey[i].Column.Name);
                }
                catch (InvalidCastException e)
                {
                    throw new ArgumentException($"{mapper.EntityType.Name}.{mapper.PrimaryKey[i].PropertyName} is a {target.Name}; {e.Message}", nameof(id), e);
                }
            }
        }
        return values;
    }

    private static ColumnElement KeyCondition(EntityMapper mapper, IReadOnlyList<object?> values)
    {
        ColumnElement? condition = null;
        for (var i = 0; i < mapper.PrimaryKey.Length; i++)
        {
            var term = mapper.PrimaryKey[i].Column == values[i];
            condition = condition is null ? term : condition & term;
        }
        return condition!;
    }

    /// <summary>Runs an ORM SELECT: the entities of its rows, from the identity map where it holds them.</summary>
    public async ValueTask<List<object>> Execute<T>(bool async, Select<T> statement, bool populateExisting, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        using var scope = Enter();
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfFailed();
        await Autoflush(async, cancellationToken).ConfigureAwait(false);
        return await Load(async, statement, statement.Loaded, populateExisting, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a Core statement on the session's connection, in its transaction (autoflushing first).</summary>
    public async ValueTask<Result> Execute(bool async, Executable statement, object? parameters, IReadOnlyList<object>? many, bool stream,
        CancellationToken cancellationToken)
    {
        using var scope = Enter();
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfFailed();
        await Autoflush(async, cancellationToken).ConfigureAwait(false);
        var connection = await Connection(async, cancellationToken).ConfigureAwait(false);
        return await connection.Execute(async, statement, parameters, many, stream, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<List<object>> Load(bool async, Executable statement, MappedColumn[] columns, bool populateExisting,
        CancellationToken cancellationToken)
    {
        var connection = await Connection(async, cancellationToken).ConfigureAwait(false);
        var result = await connection.Execute(async, statement, null, null, stream: false, cancellationToken).ConfigureAwait(false);
        var rows = result.Core.TakeBuffered();
        var entities = new List<object>(rows.Count);
        // Room for every row's instance at once, rather than a chain of resizes as the map grows (5 for 20 rows).
        _identity.EnsureCapacity(_identity.Count + rows.Count);
        foreach (var row in rows)
            entities.Add(Materialize(columns, row, populateExisting));
        return entities;
    }

    /// <summary>
    /// The instance of one row: the identity map's (with attributes it lacks filled in, or all of them refreshed
    /// when populating existing), or a new persistent one.
    /// </summary>
    private IMapped Materialize(MappedColumn[] columns, Row row, bool populateExisting)
    {
        var mapper = columns[0].Mapper;
        var key = new IdentityKey(mapper, RowKey(mapper, columns, row));
        if (_identity.TryGetValue(key, out var state))
        {
            if (populateExisting || state.HasUnloaded)
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    var index = columns[i].Index;
                    // Unflushed changes win over the row, as in SQLAlchemy.
                    if (state.IsModified(index))
                        continue;
                    if (populateExisting || !state.IsLoaded(index))
                    {
                        columns[i].Write(state.Entity, row[i]);
                        state.MarkLoaded(index);
                    }
                }
            }
            return state.Entity;
        }
        var entity = mapper.Create();
        state = entity.EntityState;
        state.ResetForLoad();
        for (var i = 0; i < columns.Length; i++)
            columns[i].Write(entity, row[i]);
        if (columns.Length != mapper.Columns.Count)
        {
            foreach (var column in mapper.Columns)
            {
                if (Array.IndexOf(columns, column) < 0)
                    state.MarkUnloaded(column.Index);
            }
        }
        state.Key = key;
        state.Owner = this;
        _identity[key] = state;
        return entity;
    }

    private static object?[] RowKey(EntityMapper mapper, MappedColumn[] columns, Row row)
    {
        var values = new object?[mapper.PrimaryKey.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var position = Array.IndexOf(columns, mapper.PrimaryKey[i]);
            values[i] = row[position];
        }
        return values;
    }

    /// <summary>Reloads the named attributes of a persistent instance (all of its columns when none are named), discarding its unflushed changes to them.</summary>
    public async ValueTask Refresh(bool async, object entity, IReadOnlyCollection<string>? attributeNames, CancellationToken cancellationToken)
    {
        using var scope = Enter();
        var state = StateOf(entity);
        if (!ReferenceEquals(state.Owner, this) || !state.Persistent)
            throw new InvalidOperationException($"{state} is not persistent in this session, so it cannot be refreshed. Add it, or load it with GetAsync.");
        ThrowIfFailed();
        var indexes = attributeNames is null
            ? state.Mapper.Columns.Where(c => !c.Deferred || state.IsLoaded(c.Index)).Select(c => c.Index).ToHashSet()
            : Indexes(state.Mapper, attributeNames).ToHashSet();
        await LoadColumns(async, state, indexes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads attributes of one instance by its key (a refresh, or an expired or deferred attribute's first read).</summary>
    private async ValueTask LoadColumns(bool async, EntityState state, IReadOnlyCollection<int> indexes, CancellationToken cancellationToken)
    {
        var mapper = state.Mapper;
        MappedColumn[] columns = [.. mapper.PrimaryKey, .. mapper.Columns.Where(c => indexes.Contains(c.Index) && !c.Column.PrimaryKey)];
        var statement = Select([.. columns.Select(c => (object)c.Column)]).Where(KeyCondition(mapper, state.Key!.Values));
        var connection = await Connection(async, cancellationToken).ConfigureAwait(false);
        var result = await connection.Execute(async, statement, null, null, stream: false, cancellationToken).ConfigureAwait(false);
        var rows = result.Core.TakeBuffered();
        if (rows.Count == 0)
        {
            throw new InvalidOperationException(
                $"Could not refresh {mapper.EntityType.Name} with key {state.Key}: its row is gone (deleted by another transaction). " +
                "Expunge the instance, or roll back.");
        }
        for (var i = 0; i < columns.Length; i++)
        {
            state.ClearModified(columns[i].Index);
            columns[i].Write(state.Entity, rows[0][i]);
            state.MarkLoaded(columns[i].Index);
        }
        if (!state.HasModifications)
            _dirty.Remove(state);
    }

    // ---- IStateOwner: reads of unloaded attributes

    public void Load(EntityState state, int index) => SyncPath.Run(LoadAttribute(false, state, index));

    public ValueTask LoadAsync(EntityState state, int index) => LoadAttribute(true, state, index);

    private async ValueTask LoadAttribute(bool async, EntityState state, int index)
    {
        using var scope = Enter();
        ThrowIfFailed();
        if (state.IsLoaded(index))
            return;
        if (!state.Persistent)
            throw LazyLoadException.Detached(state, index);
        // An expired instance loads all its expired columns at once (one SELECT), a deferred column only itself.
        var column = state.Mapper.Columns[index];
        IReadOnlyCollection<int> indexes = column.Deferred
            ? [index]
            : [.. state.Mapper.Columns.Where(c => !state.IsLoaded(c.Index) && !c.Deferred).Select(c => c.Index)];
        await LoadColumns(async, state, indexes, CancellationToken.None).ConfigureAwait(false);
    }

    // ---- merge

    /// <summary>
    /// Copies the state of <paramref name="entity"/> (from another session, or new) onto the instance of its row in
    /// this session, loading it when needed; an instance without a row becomes a new pending one. Returns this
    /// session's instance.
    /// </summary>
    public async ValueTask<T> Merge<T>(bool async, T entity, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var source = entity.EntityState;
        if (ReferenceEquals(source.Owner, this))
            return entity;
        var mapper = T.Mapper;
        T? target = null;
        var keyValues = mapper.PrimaryKey.Select(c => c.Read(entity)).ToArray();
        if (keyValues.All(v => !IsDefault(v)))
            target = await Get<T>(async, keyValues, populateExisting: false, cancellationToken).ConfigureAwait(false);
        using var scope = Enter();
        if (target is null)
        {
            target = (T)mapper.Create();
            var state = target.EntityState;
            state.ResetForLoad();
            foreach (var column in mapper.Columns)
            {
                if (source.IsLoaded(column.Index) && (source.Persistent || source.IsModified(column.Index) || column.Column.PrimaryKey))
                {
                    state.OnWrite(column.Index);
                    column.Write(target, column.Read(entity));
                }
            }
            AddState(state);
            return target;
        }
        var targetState = target.EntityState;
        foreach (var column in mapper.Columns)
        {
            if (column.Column.PrimaryKey || !source.IsLoaded(column.Index))
                continue;
            var value = column.Read(entity);
            if (!targetState.IsLoaded(column.Index) || !Equals(column.Read(target), value))
            {
                targetState.OnWrite(column.Index);
                column.Write(target, value);
            }
        }
        return target;
    }
}
