using System.Runtime.InteropServices;
using Framework.Orm.Internal;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Orm;

/// <summary>
/// The unit of work (SQLAlchemy's <c>unitofwork.py</c> and <c>persistence.py</c>): a flush writes the pending changes the
/// identity map records, inserts in foreign-key order and batched per table (insertmanyvalues), then updates, then deletes.
/// </summary>
internal sealed partial class UnitOfWork(SessionCore session, IdentityMap map, EntityLoader loader, TransactionCoordinator transactions)
{
    private bool _flushing;

    /// <summary>
    /// Writes pending changes: inserts in the order added (tables in foreign-key order), then updates of changed
    /// columns, then deletes (tables in reverse order). A failure rolls the transaction back and leaves the session
    /// needing <c>RollbackAsync</c>.
    /// </summary>
    public async ValueTask Flush(bool async, CancellationToken cancellationToken)
    {
        transactions.ThrowIfFailed();
        if (_flushing)
            throw new InvalidOperationException("The session is already flushing: a flush event handler may not flush, commit or query with autoflush.");
        if (map.New.Count == 0 && map.Deleted.Count == 0 && !map.Dirty.Any(s => s.HasModifications))
            return;
        session.Events.RaiseBeforeFlush(session);
        Session.AllEvents.RaiseBeforeFlush(session);
        _flushing = true;
        try
        {
            var connection = await transactions.Connection(async, cancellationToken).ConfigureAwait(false);
            var relationships = map.New.Concat(map.Dirty).Concat(map.Deleted).Any(s => s.Mapper.Relationships.Count > 0);
            if (relationships)
            {
                await PrepareRelationships(async, cancellationToken).ConfigureAwait(false);
                SyncForeignKeys([.. map.New, .. map.Dirty]);
            }
            var order = TableOrder();
            var inserts = map.New.Where(s => !s.Deleted).ToList();
            foreach (var group in inserts.GroupBy(s => s.Mapper).OrderBy(g => order(g.Key.Table)))
            {
                // Parents go in before their children (a self-referential table level by level), and each level's keys
                // are copied into the foreign keys of what refers to it.
                foreach (var level in relationships ? InsertLevels(group.Key, [.. group]) : [[.. group]])
                {
                    if (relationships)
                        SyncForeignKeys(level);
                    await Insert(connection, group.Key, level, async, cancellationToken).ConfigureAwait(false);
                    if (relationships)
                        SyncForeignKeys(level);
                }
            }
            if (relationships)
                await WriteAssociations(connection, async, cancellationToken).ConfigureAwait(false);
            var updates = map.Dirty.Where(s => !s.Deleted && s.Persistent && s.HasModifications).ToList();
            foreach (var group in updates.GroupBy(s => s.Mapper).OrderBy(g => order(g.Key.Table)))
                await Update(connection, group.Key, [.. group], async, cancellationToken).ConfigureAwait(false);
            if (relationships)
                await DeleteAssociationsOf(connection, map.Deleted, async, cancellationToken).ConfigureAwait(false);
            foreach (var group in map.Deleted.GroupBy(s => s.Mapper).OrderByDescending(g => order(g.Key.Table)))
                await Delete(connection, group.Key, [.. group], async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _flushing = false;
            // The transaction (or the innermost savepoint) is rolled back now; the session refuses work until the caller acknowledges it.
            await transactions.FailFlush(e, async).ConfigureAwait(false);
            throw;
        }
        _flushing = false;
        // What was written is now the committed state; write-only collections forget what they wrote.
        foreach (var state in map.New.Concat(map.Dirty))
        {
            foreach (var relationship in state.Mapper.Relationships)
            {
                if (relationship.Lazy == LazyStrategy.WriteOnly && state.ChangesOf(relationship.Index) is not null)
                    relationship.Collection(state.Entity).Load([]);
            }
        }
        foreach (var state in map.New)
        {
            map.InsertedInTransaction.Add(state);
            state.ClearModified();
        }
        map.New.Clear();
        transactions.RecordUpdated(map.Dirty.Where(s => s.HasModifications));
        foreach (var state in map.Dirty)
            state.ClearModified();
        map.Dirty.Clear();
        foreach (var state in map.Deleted)
            map.RowDeleted(state);
        map.Deleted.Clear();
        session.Events.RaiseAfterFlush(session);
        Session.AllEvents.RaiseAfterFlush(session);
    }

    // A table's position when its metadata's tables are sorted parents first.
    private static Func<Table, int> TableOrder()
    {
        var positions = new Dictionary<Table, int>(ReferenceEqualityComparer.Instance);
        return table =>
        {
            if (!positions.TryGetValue(table, out var position))
            {
                var sorted = table.MetaData.SortedTables;
                for (var i = 0; i < sorted.Count; i++)
                    positions.TryAdd(sorted[i], i);
                position = positions.GetValueOrDefault(table);
            }
            return position;
        };
    }

    private async ValueTask Insert(Connection connection, EntityMapper mapper, List<EntityState> states, bool async, CancellationToken cancellationToken)
    {
        // Instances giving the same columns share one statement, executed over all their rows (insertmanyvalues). The
        // columns of each instance are found in two reused lists; arrays are made only for a new combination.
        var batches = new List<(MappedColumn[] Given, MappedColumn[] Returned, List<EntityState> States)>();
        var givenNow = new List<MappedColumn>(mapper.Columns.Count);
        var returnedNow = new List<MappedColumn>(mapper.Columns.Count);
        foreach (var state in states)
        {
            InsertColumns(state, givenNow, returnedNow);
            var batch = 0;
            while (batch < batches.Count && !(batches[batch].Given.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(givenNow))
                && batches[batch].Returned.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(returnedNow))))
                batch++;
            if (batch == batches.Count)
                batches.Add(([.. givenNow], [.. returnedNow], [state]));
            else
                batches[batch].States.Add(state);
        }
        foreach (var (given, returned, batch) in batches)
        {
            var statement = mapper.Table.Insert();
            if (returned.Length > 0)
                statement = statement.Returning([.. returned.Select(c => (ColumnElement)c.Column)]);
            var parameters = new object[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var values = new Dictionary<string, object?>(given.Length, StringComparer.Ordinal);
                foreach (var column in given)
                    values[column.Column.Name] = column.Read(batch[i].Entity);
                parameters[i] = values;
            }
            var result = parameters.Length == 1 && given.Length == 0
                ? await connection.Execute(async, statement, null, null, stream: false, cancellationToken).ConfigureAwait(false)
                : parameters.Length == 1
                    ? await connection.Execute(async, statement, parameters[0], null, stream: false, cancellationToken).ConfigureAwait(false)
                    : await connection.Execute(async, statement, null, parameters, stream: false, cancellationToken).ConfigureAwait(false);
            var rows = returned.Length > 0 ? result.All() : [];
            if (returned.Length > 0 && rows.Count != batch.Count)
                throw new InvalidOperationException($"The INSERT into {mapper.Table.Name} returned {rows.Count} rows for {batch.Count} instances; this is a bug in Framework.");
            for (var i = 0; i < batch.Count; i++)
            {
                var state = batch[i];
                for (var c = 0; c < returned.Length; c++)
                {
                    returned[c].Write(state.Entity, rows[i][c]);
                    state.MarkLoaded(returned[c].Index);
                }
                // Server defaults not read back are expired: the database chose them.
                foreach (var column in mapper.Columns)
                {
                    if (column.Column.ServerDefault is not null && !given.Contains(column) && !returned.Contains(column))
                        state.MarkUnloaded(column.Index);
                }
                state.Key = KeyOf(state);
                map[state.Key] = state;
            }
        }
    }

    // The columns an INSERT of this instance sends, and those it reads back with RETURNING, into the two lists given.
    private static void InsertColumns(EntityState state, List<MappedColumn> given, List<MappedColumn> returned)
    {
        given.Clear();
        returned.Clear();
        foreach (var column in state.Mapper.Columns)
        {
            var set = state.IsModified(column.Index);
            var generatedKey = column.Column.PrimaryKey && column.Column.IsAutoincrement;
            if (set && !(generatedKey && IsDefault(column.Read(state.Entity))))
                given.Add(column);
            else if (generatedKey)
                returned.Add(column);
            else if (column.Column.ServerDefault is not null)
            {
                if (state.Mapper.EagerDefaults)
                    returned.Add(column);
            }
            else if (column.Column.DefaultProducer is null)
                given.Add(column);   // never set: the C# value (null, 0, false) is what the instance holds
            else if (column.Version)
                given.Add(column);
        }
        foreach (var column in given)
        {
            if (column.Version && !state.IsModified(column.Index))
                column.Write(state.Entity, 1);
        }
    }

    public static bool IsDefault(object? value) => value is null or 0 or 0L or (short)0;

    private async ValueTask Update(Connection connection, EntityMapper mapper, List<EntityState> states, bool async, CancellationToken cancellationToken)
    {
        // Instances changing the same columns share one statement. The changed columns of each instance are found
        // in one reused list; an array is made only for a new combination.
        var batches = new List<(MappedColumn[] Changed, List<EntityState> States)>();
        var changedNow = new List<MappedColumn>(mapper.Columns.Count);
        foreach (var state in states)
        {
            changedNow.Clear();
            foreach (var column in mapper.Columns)
            {
                if (!column.Version && state.Changed(column.Index))
                    changedNow.Add(column);
            }
            if (changedNow.Count == 0)
                continue;
            var batch = 0;
            while (batch < batches.Count && !batches[batch].Changed.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(changedNow)))
                batch++;
            if (batch == batches.Count)
                batches.Add(([.. changedNow], [state]));
            else
                batches[batch].States.Add(state);
        }
        var version = mapper.Version;
        var keyNames = KeyParameterNames(mapper);
        foreach (var (changed, batch) in batches)
        {
            var setNames = new string[changed.Length];
            var set = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < changed.Length; c++)
            {
                setNames[c] = "set_" + changed[c].Column.Name;
                set[changed[c].Column.Name] = BindParam(setNames[c]);
            }
            var versionName = version is null ? null : "set_" + version.Column.Name;
            if (version is not null)
                set[version.Column.Name] = BindParam(versionName!);
            var statement = mapper.Table.Update().Values(set).Where(KeyCondition(mapper));
            var parameters = new object[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var state = batch[i];
                var values = KeyParameters(state, keyNames, changed.Length + 1);
                for (var c = 0; c < changed.Length; c++)
                    values[setNames[c]] = changed[c].Read(state.Entity);
                if (version is not null)
                    values[versionName!] = NextVersion(state.Entity, version);
                parameters[i] = values;
            }
            var result = parameters.Length == 1
                ? await connection.Execute(async, statement, parameters[0], null, stream: false, cancellationToken).ConfigureAwait(false)
                : await connection.Execute(async, statement, null, parameters, stream: false, cancellationToken).ConfigureAwait(false);
            if (result.RowCount != batch.Count)
                throw Stale("UPDATE", mapper, batch.Count, result.RowCount);
            if (version is not null)
            {
                for (var i = 0; i < batch.Count; i++)
                    version.Write(batch[i].Entity, ((Dictionary<string, object?>)parameters[i])[versionName!]);
            }
            // Only an UPDATE that changed a primary key column moves instances in the identity map.
            if (!changed.Any(c => c.Column.PrimaryKey))
                continue;
            foreach (var state in batch)
            {
                var key = KeyOf(state);
                if (!key.Equals(state.Key))
                {
                    map.Remove(state.Key!);
                    state.Key = key;
                    map[key] = state;
                }
            }
        }
    }

    private async ValueTask Delete(Connection connection, EntityMapper mapper, List<EntityState> states, bool async, CancellationToken cancellationToken)
    {
        var statement = mapper.Table.Delete().Where(KeyCondition(mapper));
        var keyNames = KeyParameterNames(mapper);
        var parameters = states.Select(s => (object)KeyParameters(s, keyNames, 0)).ToArray();
        var result = parameters.Length == 1
            ? await connection.Execute(async, statement, parameters[0], null, stream: false, cancellationToken).ConfigureAwait(false)
            : await connection.Execute(async, statement, null, parameters, stream: false, cancellationToken).ConfigureAwait(false);
        if (result.RowCount != states.Count)
            throw Stale("DELETE", mapper, states.Count, result.RowCount);
    }

    // WHERE pk = :pk_... [AND version = :version_old]
    private static ColumnElement KeyCondition(EntityMapper mapper)
    {
        ColumnElement? condition = null;
        foreach (var column in mapper.PrimaryKey)
        {
            var term = column.Column == BindParam("pk_" + column.Column.Name);
            condition = condition is null ? term : condition & term;
        }
        if (mapper.Version is { } version)
            condition = condition! & version.Column == BindParam("old_" + version.Column.Name);
        return condition!;
    }

    // The names KeyCondition binds: pk_ and each key column, then old_ and the version column when there is one.
    private static string[] KeyParameterNames(EntityMapper mapper)
    {
        var key = mapper.PrimaryKey;
        var names = new string[key.Length + (mapper.Version is null ? 0 : 1)];
        for (var i = 0; i < key.Length; i++)
            names[i] = "pk_" + key[i].Column.Name;
        if (mapper.Version is { } version)
            names[^1] = "old_" + version.Column.Name;
        return names;
    }

    // The key the row has in the database (the committed values, should the key have been changed) and the version
    // read, under the names of KeyParameterNames; room for <paramref name="more"/> values besides.
    private static Dictionary<string, object?> KeyParameters(EntityState state, string[] names, int more)
    {
        var values = new Dictionary<string, object?>(names.Length + more, StringComparer.Ordinal);
        var key = state.Key!.Values;
        for (var i = 0; i < state.Mapper.PrimaryKey.Length; i++)
            values[names[i]] = key[i];
        if (state.Mapper.Version is { } version)
            values[names[^1]] = state.TryGetCommitted(version.Index, out var old) ? old : version.Read(state.Entity);
        return values;
    }

    private static object NextVersion(object entity, MappedColumn version) => version.Read(entity) switch
    {
        int i => i + 1,
        long l => l + 1,
        short s => (short)(s + 1),
        var other => throw new InvalidOperationException($"The version counter {version.PropertyName} holds {other ?? "null"}; it must be an integer."),
    };

    private static StaleDataException Stale(string statement, EntityMapper mapper, int expected, int matched) => new(
        $"{statement} statement on table {Identifiers.Quoted(mapper.Table.Name)} expected to {(statement == "UPDATE" ? "update" : "delete")} {expected} row(s); " +
        $"{matched} were matched. The row was deleted{(mapper.Version is null ? "" : " or its version changed")} since it was loaded: roll back, " +
        "load it again and reapply the change.");

    /// <summary>The identity key of a flushed or loaded instance, from its primary key values.</summary>
    public static IdentityKey KeyOf(EntityState state) => state.Mapper.KeyOf(state.Entity);
}
