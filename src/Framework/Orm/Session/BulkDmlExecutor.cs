using Framework.Orm.Internal;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// ORM-enabled UPDATE and DELETE (SQLAlchemy's <c>BulkORMUpdate</c> and <c>BulkORMDelete</c>): runs the statement in the
/// session's transaction, then brings the identity map's instances of the rows it changed up to date.
/// </summary>
internal sealed class BulkDmlExecutor(SessionCore session, IdentityMap map, TransactionCoordinator transactions, QueryRunner queries)
{
    /// <summary>
    /// Runs an ORM-enabled UPDATE or DELETE (autoflushing first), then brings the instances of the rows it changed up to
    /// date as <paramref name="synchronize"/> says. The result carries the number of rows matched.
    /// </summary>
    public async ValueTask<Result> Execute<T>(bool async, BulkStatement<T> statement, SynchronizeSession synchronize, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        using var scope = session.Enter("Execute");
        ArgumentNullException.ThrowIfNull(statement);
        transactions.ThrowIfFailed();
        (statement, _) = queries.OrmExecute(statement, populateExisting: false);
        if (synchronize == SynchronizeSession.Evaluate && statement.HasCoreWhere)
        {
            throw new InvalidOperationException(
                $"SynchronizeSession.Evaluate cannot evaluate a Core condition in C#; this {Kind(statement)} of {typeof(T).Name} has one. " +
                "Write the condition as a lambda, or use SynchronizeSession.Fetch (the default, Auto, does).");
        }
        await session.Autoflush(async, cancellationToken).ConfigureAwait(false);
        var connection = await transactions.Connection(async, cancellationToken).ConfigureAwait(false);
        var update = statement as Update<T>;
        int matched;
        if (synchronize is SynchronizeSession.Auto or SynchronizeSession.Fetch)
        {
            var mapper = T.Mapper;
            var assigned = update is null ? [] : update.Assignments.Select(a => a.Column).ToArray();
            ColumnElement[] returning = [.. mapper.PrimaryKey.Select(c => (ColumnElement)c.Column), .. assigned.Select(c => (ColumnElement)c.Column)];
            Executable core = statement.CoreStatement is Sql.Update u ? u.Returning(returning) : ((Sql.Delete)statement.CoreStatement).Returning(returning);
            var result = await connection.Execute(async, core, null, null, stream: false, cancellationToken).ConfigureAwait(false);
            var rows = result.Core.TakeBuffered();
            matched = rows.Count;
            foreach (var row in rows)
            {
                var key = new object?[mapper.PrimaryKey.Length];
                for (var i = 0; i < key.Length; i++)
                    key[i] = row[i];
                if (!map.TryGetValue(mapper.KeyFrom(key), out var state))
                    continue;
                if (update is null)
                {
                    MarkBulkDeleted(state);
                }
                else
                {
                    for (var c = 0; c < assigned.Length; c++)
                        Synchronized(state, assigned[c], row[key.Length + c]);
                    Updated(state);
                }
            }
        }
        else
        {
            var result = await connection.Execute(async, statement.CoreStatement, null, null, stream: false, cancellationToken).ConfigureAwait(false);
            matched = result.RowCount;
            if (synchronize == SynchronizeSession.Evaluate)
                Evaluate(statement, update);
        }
        return new Result(new ResultCore(new BufferedRowSource(null, [], matched)));
    }

    private static string Kind<T>(BulkStatement<T> statement)
        where T : class, IMapped<T> => statement is Update<T> ? "UPDATE" : "DELETE";

    /// <summary>Evaluates the statement's lambdas in C# against the identity map's instances of <typeparamref name="T"/>.</summary>
    private void Evaluate<T>(BulkStatement<T> statement, Update<T>? update)
        where T : class, IMapped<T>
    {
        var mapper = T.Mapper;
        var predicates = statement.Predicates.Select(p => p.Compile()).ToArray();
        var assignments = update?.Assignments ?? [];
        var computed = assignments.Select(a => a.Computed?.Compile()).ToArray();
        // The columns an instance needs loaded for C# to tell whether its row matched and what the new values are.
        var needed = statement.Predicates.SelectMany(p => LambdaTranslator.ColumnsRead(mapper, p))
            .Concat(assignments.Where(a => a.Computed is not null).SelectMany(a => LambdaTranslator.ColumnsRead(mapper, a.Computed!)))
            .Distinct().ToArray();
        foreach (var state in map.Values.Where(s => ReferenceEquals(s.Mapper, mapper) && !s.Deleted).ToList())
        {
            var entity = (T)state.Entity;
            if (needed.Any(c => !state.IsLoaded(c.Index)))
            {
                // C# cannot tell: what the statement may have changed is expired, so the next read loads the row's values.
                if (update is null)
                    IdentityMap.Expire(state);
                else
                {
                    foreach (var assignment in assignments)
                        state.Expire(assignment.Column.Index);
                }
                continue;
            }
            if (!predicates.All(p => p(entity)))
                continue;
            if (update is null)
            {
                MarkBulkDeleted(state);
                continue;
            }
            // Every new value is computed from the row as it was, before any is written.
            var values = new object?[assignments.Length];
            for (var i = 0; i < values.Length; i++)
                values[i] = computed[i] is { } compute ? compute.DynamicInvoke(entity) : assignments[i].Value;
            for (var i = 0; i < values.Length; i++)
                Synchronized(state, assignments[i].Column, values[i]);
            Updated(state);
        }
    }

    /// <summary>An attribute now holds what its row holds: loaded, and no longer a change to flush.</summary>
    private static void Synchronized(EntityState state, MappedColumn column, object? value)
    {
        state.ClearModified(column.Index);
        column.Write(state.Entity, value);
        state.MarkLoaded(column.Index);
    }

    private void Updated(EntityState state)
    {
        if (!state.HasModifications)
            map.Dirty.Remove(state);
        transactions.RecordUpdated([state]);
    }

    /// <summary>The row of a persistent instance was deleted by a bulk DELETE: the instance leaves the identity map as a flushed deletion does.</summary>
    private void MarkBulkDeleted(EntityState state)
    {
        map.Dirty.Remove(state);
        map.Deleted.Remove(state);
        state.Deleted = true;
        map.RowDeleted(state);
    }
}
