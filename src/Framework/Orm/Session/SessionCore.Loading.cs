using Framework.Orm.Internal;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Orm;

internal sealed partial class SessionCore
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
        using var scope = Enter("Get");
        ArgumentNullException.ThrowIfNull(id);
        var mapper = T.Mapper;
        var key = new IdentityKey(mapper, KeyValues(mapper, id));
        LoaderOption[] loaders = [.. WithDefaultLoaders(mapper, options ?? [], relationships: true, columns: false).Where(o => o.Steps[0].Relationship is not null)];
        if (!populateExisting && _map.TryGetValue(key, out var held))
        {
            if (held.Deleted)
                return null;
            if (!held.HasUnloadedNonDeferred())
            {
                if (loaders.Length > 0)
                    await _loader.ApplyLoaders(async, [held], mapper, [.. loaders.Select(o => o.Steps)], 0, cancellationToken).ConfigureAwait(false);
                return (T)held.Entity;
            }
        }
        ThrowIfFailed();
        await Autoflush(async, cancellationToken).ConfigureAwait(false);
        var (statement, _) = OrmExecute(new Select<T>().Where(EntityLoader.KeyCondition(mapper, key.Values)).Options(loaders), populateExisting: true);
        var found = await _loader.LoadWithOptions(async, statement, populateExisting: true, cancellationToken).ConfigureAwait(false);
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
        using var scope = Enter();
        (statement, populateExisting) = await Prepare(async, statement, populateExisting, relationshipDefaults: true, cancellationToken).ConfigureAwait(false);
        var entities = await _loader.LoadWithOptions(async, statement, populateExisting, cancellationToken).ConfigureAwait(false);
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
        using var scope = Enter();
        // A stream runs no relationship loader, so the session's default relationship options are not applied to it.
        (statement, populateExisting) = await Prepare(async, statement, populateExisting, relationshipDefaults: false, cancellationToken).ConfigureAwait(false);
        ThrowIfRelationshipOptions(statement);
        var connection = await Connection(async, cancellationToken).ConfigureAwait(false);
        var result = await connection.Execute(async, statement, null, null, stream: true, cancellationToken).ConfigureAwait(false);
        var columns = statement.Loaded;
        return new ResultCore(new EntityRowSource(result.Core.Source, typeof(T).Name, row => _loader.Materialize(columns, row, populateExisting)));
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
        ThrowIfFailed();
        await Autoflush(async, cancellationToken).ConfigureAwait(false);
        var options = WithDefaultLoaders(T.Mapper, statement.LoaderOptions, relationshipDefaults, columns: true);
        if (options.Count > statement.LoaderOptions.Length)
            statement = statement.Options([.. options.Skip(statement.LoaderOptions.Length)]);
        return OrmExecute(statement, populateExisting || statement.PopulatesExisting);
    }

    /// <summary>Raises DoOrmExecute, whose handlers may replace the statement or turn populate-existing on.</summary>
    private (TStatement Statement, bool PopulateExisting) OrmExecute<TStatement>(TStatement statement, bool populateExisting)
        where TStatement : Executable
    {
        if (!Events.HasDoOrmExecute && !Session.AllEvents.HasDoOrmExecute)
            return (statement, populateExisting);
        var args = new OrmExecuteEventArgs(SyncFace!, statement, populateExisting);
        Events.RaiseDoOrmExecute(args);
        Session.AllEvents.RaiseDoOrmExecute(args);
        return ((TStatement)args.Statement, args.PopulateExisting);
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

    /// <summary>Reloads the named attributes of a persistent instance (all of its columns when none are named), discarding its unflushed changes to them.</summary>
    /// <summary>
    /// Applies relationship loader options to instances already in the session (after a refresh or a merge): the
    /// relationships they name are loaded anew.
    /// </summary>
    public async ValueTask LoadWith(bool async, EntityState state, IReadOnlyList<LoaderOption> options, CancellationToken cancellationToken)
    {
        using var scope = Enter("Load");
        List<LoaderStep[]> paths = [.. options.Select(o => o.Steps).Where(p => p[0].Relationship is not null)];
        foreach (var path in paths)
        {
            if (!ReferenceEquals(path[0].Mapper, state.Mapper))
                throw new ArgumentException($"The option {string.Join(" -> ", path.Select(s => s.Relationship))} starts from {path[0].Mapper.EntityType.Name}, not {state.Mapper.EntityType.Name}.", nameof(options));
            if (path[0].Relationship!.Lazy != LazyStrategy.WriteOnly)
                state.Expire(path[0].Relationship!.Index);
        }
        await _loader.ApplyLoaders(async, [state], state.Mapper, paths, 0, cancellationToken).ConfigureAwait(false);
    }

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
        var relationships = indexes.Select(state.Mapper.RelationshipAt).OfType<MappedRelationship>().ToList();
        indexes.ExceptWith(relationships.Select(r => r.Index));
        if (indexes.Count > 0)
            await _loader.LoadColumns(async, state, indexes, cancellationToken).ConfigureAwait(false);
        // A whole refresh reaches what its refresh-expire relationships hold.
        if (attributeNames is null)
        {
            foreach (var related in Cascaded(state, Cascades.RefreshExpire).Skip(1).Where(s => s.Persistent && !s.Deleted))
            {
                await _loader.LoadColumns(async, related, [.. related.Mapper.Columns.Where(c => !c.Deferred || related.IsLoaded(c.Index)).Select(c => c.Index)],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        // A relationship named is loaded anew, as SQLAlchemy's refresh of a relationship attribute does.
        foreach (var relationship in relationships.Where(r => r.Lazy != LazyStrategy.WriteOnly))
        {
            state.Expire(relationship.Index);
            await _loader.LoadRelationship(async, [state], relationship, cancellationToken).ConfigureAwait(false);
        }
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
        if (state.Mapper.RelationshipAt(index) is { } relationship)
        {
            await _loader.LoadRelationship(async, [state], relationship, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        // An expired instance loads all its expired columns at once (one SELECT), a deferred column only itself.
        var column = state.Mapper.Columns[index];
        IReadOnlyCollection<int> indexes = column.Deferred
            ? [index]
            : [.. state.Mapper.Columns.Where(c => !state.IsLoaded(c.Index) && !c.Deferred).Select(c => c.Index)];
        await _loader.LoadColumns(async, state, indexes, CancellationToken.None).ConfigureAwait(false);
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
        return (T)(await MergeState(async, entity.EntityState, new(ReferenceEqualityComparer.Instance), cancellationToken).ConfigureAwait(false)).Entity;
    }

    // Merges one instance, then (merge cascade) the instances its loaded relationships hold; memo maps each source to its merged instance.
    private async ValueTask<EntityState> MergeState(bool async, EntityState source, Dictionary<EntityState, EntityState> memo, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(source.Owner, this))
            return source;
        if (memo.TryGetValue(source, out var merged))
            return merged;
        var mapper = source.Mapper;
        var entity = source.Entity;
        EntityState? target = null;
        var keyValues = mapper.PrimaryKey.Select(c => c.Read(entity)).ToArray();
        if (keyValues.All(v => !UnitOfWork.IsDefault(v)))
            target = await GetState(async, mapper, keyValues, cancellationToken).ConfigureAwait(false);
        using (Enter("Merge"))
        {
            if (target is null)
            {
                target = mapper.Create().EntityState;
                target.ResetForLoad();
                foreach (var column in mapper.Columns)
                {
                    if (source.IsLoaded(column.Index) && (source.Persistent || source.IsModified(column.Index) || column.Column.PrimaryKey))
                    {
                        target.OnWrite(column.Index);
                        column.Write(target.Entity, column.Read(entity));
                    }
                }
                AddState(target);
            }
            else
            {
                foreach (var column in mapper.Columns)
                {
                    if (column.Column.PrimaryKey || !source.IsLoaded(column.Index))
                        continue;
                    var value = column.Read(entity);
                    if (!target.IsLoaded(column.Index) || !Equals(column.Read(target.Entity), value))
                    {
                        target.OnWrite(column.Index);
                        column.Write(target.Entity, value);
                    }
                }
            }
        }
        memo[source] = target;
        foreach (var relationship in mapper.Relationships)
        {
            if ((relationship.Cascade & Cascades.Merge) == 0 || relationship.Lazy == LazyStrategy.WriteOnly || !source.IsLoaded(relationship.Index))
                continue;
            // The collection the row has is what the merged one replaces: loaded first (merge is awaited, so this I/O is explicit).
            if (!target.IsLoaded(relationship.Index) && target.Persistent)
                await _loader.LoadRelationship(async, [target], relationship, cancellationToken).ConfigureAwait(false);
            var items = new List<object>();
            foreach (var item in EntityLoader.Related(source, relationship).ToList())
                items.Add((await MergeState(async, item, memo, cancellationToken).ConfigureAwait(false)).Entity);
            using (Enter("Merge"))
                Assign(target, relationship, items);
        }
        return target;
    }

    // Sets a relationship as a user's assignment does (recorded, mirrored on the reverse side).
    private static void Assign(EntityState state, MappedRelationship relationship, List<object> items)
    {
        if (relationship.Kind == RelationshipKind.Reference)
        {
            var value = items.FirstOrDefault();
            state.OnReferenceWrite(relationship.Index, relationship.Read(state.Entity), value);
            relationship.Write(state.Entity, value);
            return;
        }
        if (!state.IsLoaded(relationship.Index))
            state.MarkLoaded(relationship.Index);   // a merged collection replaces what the row had, as SQLAlchemy's merge does
        var collection = relationship.Collection(state.Entity);
        foreach (var old in collection.Items.Where(o => !items.Contains(o)).ToList())
        {
            collection.RemoveQuietly(old);
            state.OnCollectionChange(relationship.Index, old, added: false);
        }
        foreach (var item in items.Where(i => !collection.ContainsItem(i)))
        {
            collection.AddQuietly(item);
            state.OnCollectionChange(relationship.Index, item, added: true);
        }
    }

    // The persistent instance with this key: the identity map's, or loaded; null when no row has it.
    private async ValueTask<EntityState?> GetState(bool async, EntityMapper mapper, object?[] key, CancellationToken cancellationToken)
    {
        using var scope = Enter("Get");
        var identity = new IdentityKey(mapper, key);
        if (_map.TryGetValue(identity, out var held))
            return held.Deleted ? null : held;
        ThrowIfFailed();
        await Autoflush(async, cancellationToken).ConfigureAwait(false);
        MappedColumn[] columns = [.. mapper.Columns.Where(c => !c.Deferred)];
        var found = await _loader.Query(async, columns, Select([.. columns.Select(c => (object)c.Column)]).Where(EntityLoader.KeyCondition(mapper, key)), [], cancellationToken)
            .ConfigureAwait(false);
        return found.Count == 0 ? null : found[0].EntityState;
    }
}
