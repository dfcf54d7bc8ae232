using Framework.Orm.Internal;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Orm;

/// <summary>
/// The session's reads (SQLAlchemy's <c>session.execute</c> and <c>session.get</c> glue, <c>orm/context.py</c>): autoflush,
/// the session's default loader options and the DoOrmExecute event before an ORM SELECT runs, then
/// <see cref="EntityLoader"/> for its rows; Get by key through the identity map; Core statements in the session's
/// transaction; refreshes and the loads of attributes read unloaded.
/// </summary>
internal sealed class QueryRunner(SessionCore session, IdentityMap map, EntityLoader loader, TransactionCoordinator transactions)
{
    /// <summary>
    /// The instance with primary key <paramref name="id"/> (a value, or an array of values for a composite key): from
    /// the identity map with no SQL when it is there and loaded, else by a SELECT; null when no row has that key.
    /// Relationship loaders (the session's defaults too) apply to the instance either way: to the SELECT as to any ORM
    /// SELECT (a joined one is in the same statement), or after it to an instance the identity map held. Column options do
    /// not apply (the instance is loaded whole).
    /// </summary>
    public async ValueTask<T?> Get<T>(bool async, object id, bool populateExisting, IReadOnlyList<LoaderOption>? options, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        using var scope = session.Enter("Get");
        ArgumentNullException.ThrowIfNull(id);
        var mapper = T.Mapper;
        var key = mapper.KeyFrom(KeyValues(mapper, id));
        LoaderOption[] loaders = [.. WithDefaults(mapper, options ?? [], relationships: true, columns: false).Where(o => o.Steps[0].Relationship is not null)];
        if (!populateExisting && map.TryGetValue(key, out var held))
        {
            if (held.Deleted)
                return null;
            if (!held.HasUnloadedNonDeferred())
            {
                if (loaders.Length > 0)
                    await loader.ApplyLoaders(async, [held], mapper, [.. loaders.Select(o => o.Steps)], 0, cancellationToken).ConfigureAwait(false);
                return (T)held.Entity;
            }
        }
        transactions.ThrowIfFailed();
        await session.Autoflush(async, cancellationToken).ConfigureAwait(false);
        var (statement, _) = OrmExecute(new Select<T>().Where(EntityLoader.KeyCondition(mapper, key.Values)).Options(loaders), populateExisting: true);
        var found = await loader.LoadWithOptions(async, statement, populateExisting: true, cancellationToken).ConfigureAwait(false);
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
                    throw new ArgumentException($"{mapper.EntityType.Name}.{mapper.PrimaryKey[i].PropertyName} is {Articles.With(target.Name)}; {e.Message}", nameof(id), e);
                }
            }
        }
        return values;
    }

    /// <summary>Runs an ORM SELECT: the entities of its rows, from the identity map where it holds them.</summary>
    public async ValueTask<Result<T>> Execute<T>(bool async, Select<T> statement, bool populateExisting, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        using var scope = session.Enter();
        (statement, populateExisting) = await Prepare(async, statement, populateExisting, relationshipDefaults: true, cancellationToken).ConfigureAwait(false);
        var entities = await loader.LoadWithOptions(async, statement, populateExisting, cancellationToken).ConfigureAwait(false);
        // A collection joined into the SELECT repeats each parent per child row, so the caller must ask for unique entities.
        var joinedCollection = statement.LoaderOptions.Any(o => o.Steps[0] is { Strategy.RepeatsParentRows: true, Relationship.IsCollection: true })
            || T.Mapper.Relationships.Any(r => r.IsCollection && LoaderStrategy.Of(r.Lazy).RepeatsParentRows);
        return Result<T>.Of(entities, joinedCollection);
    }

    /// <summary>
    /// Runs an ORM SELECT over a cursor left open: each row becomes its entity (from the identity map where it holds
    /// it) as it is read. The session's connection runs nothing else until the result is read or disposed.
    /// </summary>
    public async ValueTask<ResultCore> Stream<T>(bool async, Select<T> statement, bool populateExisting, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        using var scope = session.Enter();
        // A stream runs no relationship loader, so the session's default relationship options are not applied to it.
        (statement, populateExisting) = await Prepare(async, statement, populateExisting, relationshipDefaults: false, cancellationToken).ConfigureAwait(false);
        ThrowIfRelationshipOptions(statement);
        var connection = await transactions.Connection(async, cancellationToken).ConfigureAwait(false);
        var result = await connection.Execute(async, statement, null, null, stream: true, cancellationToken).ConfigureAwait(false);
        var layout = new EntityLayout(statement.Loaded);
        return new ResultCore(new EntityRowSource((ReaderRowSource)result.Core.Source, typeof(T).Name, reader => loader.Materialize(layout, reader, populateExisting)));
    }

    /// <summary>
    /// A stream's cursor holds the connection until it is read, so no loader query can run beside it, and it makes each
    /// entity as its row arrives: a relationship loader option would be left undone, which is refused rather than ignored.
    /// Relationships a stream's entities leave unloaded raise <see cref="LazyLoadException"/> when read, as always.
    /// </summary>
    private static void ThrowIfRelationshipOptions<T>(Select<T> statement)
        where T : class, IMapped<T>
    {
        if (statement.LoaderOptions.Select(o => o.Steps[0]).FirstOrDefault(s => s.Relationship is not null) is not { } step)
            return;
        throw new NotSupportedException(
            $"A streamed SELECT runs no relationship loader, and this one asks for {step.Name} loading of {step.Mapper.EntityType.Name}." +
            $"{step.Relationship!.PropertyName}: the open cursor holds the connection, so no other query can run until it is read. Use " +
            "ExecuteAsync/ScalarsAsync, which buffer the rows and then run the loaders, or read the relationship of each streamed " +
            "entity afterwards with await entity.AwaitableAttrs.<Relationship>.");
    }

    // What every ORM SELECT does before it runs: autoflush, the session's default loader options, and DoOrmExecute.
    private async ValueTask<(Select<T> Statement, bool PopulateExisting)> Prepare<T>(bool async, Select<T> statement, bool populateExisting,
        bool relationshipDefaults, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        ArgumentNullException.ThrowIfNull(statement);
        transactions.ThrowIfFailed();
        await session.Autoflush(async, cancellationToken).ConfigureAwait(false);
        var options = WithDefaults(T.Mapper, statement.LoaderOptions, relationshipDefaults, columns: true);
        if (options.Count > statement.LoaderOptions.Length)
            statement = statement.Options([.. options.Skip(statement.LoaderOptions.Length)]);
        return OrmExecute(statement, populateExisting || statement.PopulatesExisting);
    }

    private IReadOnlyList<LoaderOption> WithDefaults(EntityMapper mapper, IReadOnlyList<LoaderOption> written, bool relationships, bool columns) =>
        session.DefaultLoaders is { } defaults ? defaults.With(mapper, written, relationships, columns) : written;

    /// <summary>Raises DoOrmExecute, whose handlers may replace the statement or turn populate-existing on.</summary>
    public (TStatement Statement, bool PopulateExisting) OrmExecute<TStatement>(TStatement statement, bool populateExisting)
        where TStatement : Executable
    {
        if (!session.Events.HasDoOrmExecute && !Session.AllEvents.HasDoOrmExecute)
            return (statement, populateExisting);
        var args = new OrmExecuteEventArgs(session.SyncFace!, statement, populateExisting);
        session.Events.RaiseDoOrmExecute(args);
        Session.AllEvents.RaiseDoOrmExecute(args);
        return ((TStatement)args.Statement, args.PopulateExisting);
    }

    /// <summary>Runs a Core statement on the session's connection, in its transaction (autoflushing first).</summary>
    public async ValueTask<Result> Execute(bool async, Executable statement, object? parameters, IReadOnlyList<object>? many, bool stream,
        CancellationToken cancellationToken)
    {
        using var scope = session.Enter();
        ArgumentNullException.ThrowIfNull(statement);
        transactions.ThrowIfFailed();
        await session.Autoflush(async, cancellationToken).ConfigureAwait(false);
        var connection = await transactions.Connection(async, cancellationToken).ConfigureAwait(false);
        return await connection.Execute(async, statement, parameters, many, stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies relationship loader options to instances already in the session (after a refresh or a merge): the
    /// relationships they name are loaded anew.
    /// </summary>
    public async ValueTask LoadWith(bool async, EntityState state, IReadOnlyList<LoaderOption> options, CancellationToken cancellationToken)
    {
        using var scope = session.Enter("Load");
        List<LoaderStep[]> paths = [.. options.Select(o => o.Steps).Where(p => p[0].Relationship is not null)];
        foreach (var path in paths)
        {
            if (!ReferenceEquals(path[0].Mapper, state.Mapper))
                throw new ArgumentException($"The option {string.Join(" -> ", path.Select(s => s.Relationship))} starts from {path[0].Mapper.EntityType.Name}, not {state.Mapper.EntityType.Name}.", nameof(options));
            if (path[0].Relationship!.Lazy != LazyStrategy.WriteOnly)
                state.Expire(path[0].Relationship!.Index);
        }
        await loader.ApplyLoaders(async, [state], state.Mapper, paths, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reloads the named attributes of a persistent instance (all of its columns when none are named), discarding its unflushed changes to them.</summary>
    public async ValueTask Refresh(bool async, object entity, IReadOnlyCollection<string>? attributeNames, CancellationToken cancellationToken)
    {
        using var scope = session.Enter();
        var state = SessionCore.StateOf(entity);
        if (!ReferenceEquals(state.Owner, session) || !state.Persistent)
            throw new InvalidOperationException($"{state} is not persistent in this session, so it cannot be refreshed. Add it, or load it with GetAsync.");
        transactions.ThrowIfFailed();
        var indexes = attributeNames is null
            ? state.Mapper.Columns.Where(c => !c.Deferred || state.IsLoaded(c.Index)).Select(c => c.Index).ToHashSet()
            : SessionCore.Indexes(state.Mapper, attributeNames).ToHashSet();
        var relationships = indexes.Select(state.Mapper.RelationshipAt).OfType<MappedRelationship>().ToList();
        indexes.ExceptWith(relationships.Select(r => r.Index));
        if (indexes.Count > 0)
            await loader.LoadColumns(async, state, indexes, cancellationToken).ConfigureAwait(false);
        // A whole refresh reaches what its refresh-expire relationships hold.
        if (attributeNames is null)
        {
            foreach (var related in session.Cascaded(state, Cascades.RefreshExpire).Skip(1).Where(s => s.Persistent && !s.Deleted))
            {
                await loader.LoadColumns(async, related, [.. related.Mapper.Columns.Where(c => !c.Deferred || related.IsLoaded(c.Index)).Select(c => c.Index)],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        // A relationship named is loaded anew, as SQLAlchemy's refresh of a relationship attribute does.
        foreach (var relationship in relationships.Where(r => r.Lazy != LazyStrategy.WriteOnly))
        {
            state.Expire(relationship.Index);
            await loader.LoadRelationship(async, [state], relationship, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Loads an attribute read unloaded (<see cref="IStateOwner"/>): a relationship, or the instance's expired columns, or a deferred one.</summary>
    public async ValueTask LoadAttribute(bool async, EntityState state, int index)
    {
        using var scope = session.Enter();
        transactions.ThrowIfFailed();
        if (state.IsLoaded(index))
            return;
        if (!state.Persistent)
            throw LazyLoadErrors.Detached(state, index);
        if (state.Mapper.RelationshipAt(index) is { } relationship)
        {
            await loader.LoadRelationship(async, [state], relationship, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        // An expired instance loads all its expired columns at once (one SELECT), a deferred column only itself.
        var column = state.Mapper.Columns[index];
        IReadOnlyCollection<int> indexes = column.Deferred
            ? [index]
            : [.. state.Mapper.Columns.Where(c => !state.IsLoaded(c.Index) && !c.Deferred).Select(c => c.Index)];
        await loader.LoadColumns(async, state, indexes, CancellationToken.None).ConfigureAwait(false);
    }

    // The persistent instance with this key: the identity map's, or loaded; null when no row has it.
    public async ValueTask<EntityState?> GetState(bool async, EntityMapper mapper, object?[] key, CancellationToken cancellationToken)
    {
        using var scope = session.Enter("Get");
        var identity = mapper.KeyFrom(key);
        if (map.TryGetValue(identity, out var held))
            return held.Deleted ? null : held;
        transactions.ThrowIfFailed();
        await session.Autoflush(async, cancellationToken).ConfigureAwait(false);
        MappedColumn[] columns = [.. mapper.Columns.Where(c => !c.Deferred)];
        var found = await loader.Query(async, columns, Select([.. columns.Select(c => (object)c.Column)]).Where(EntityLoader.KeyCondition(mapper, key)), [], cancellationToken)
            .ConfigureAwait(false);
        return found.Count == 0 ? null : found[0].EntityState;
    }
}
