using System.Collections.Immutable;
using System.Linq.Expressions;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// How an ORM-enabled UPDATE or DELETE brings the instances the session holds up to date with the rows it changed
/// (SQLAlchemy's <c>synchronize_session</c>).
/// </summary>
public enum SynchronizeSession
{
    /// <summary>
    /// The default: <see cref="Fetch"/>. Both PostgreSQL and SQLite return the changed rows in the statement's own
    /// round trip, so the session learns exactly which rows matched, with the values the database computed.
    /// </summary>
    Auto,

    /// <summary>
    /// Evaluates the lambda conditions (and lambda values) in C# against the instances in the identity map, with no
    /// RETURNING. Only for statements whose conditions are all lambdas. C# and SQL differ on NULL (in C#,
    /// <c>x.Name != "a"</c> is true for a null name); an instance that lacks a loaded attribute the condition
    /// reads has the updated attributes expired instead.
    /// </summary>
    Evaluate,

    /// <summary>Reads the primary keys (and, for an UPDATE, the new values) of the changed rows with RETURNING.</summary>
    Fetch,

    /// <summary>Leaves the session's instances as they are: they may then hold stale values until expired or refreshed.</summary>
    None,
}

/// <summary>What ORM-enabled UPDATE and DELETE statements share: lambda conditions over the entity, kept for evaluation.</summary>
/// <typeparam name="T">The entity type.</typeparam>
public abstract class BulkStatement<T> : Executable
    where T : class, IMapped<T>
{
    private protected BulkStatement(ImmutableArray<Expression<Func<T, bool>>> predicates, bool coreWhere)
    {
        Predicates = predicates;
        HasCoreWhere = coreWhere;
    }

    /// <summary>The lambda conditions, in order.</summary>
    internal ImmutableArray<Expression<Func<T, bool>>> Predicates { get; }

    /// <summary>Whether a Core condition was added, which C# cannot evaluate.</summary>
    internal bool HasCoreWhere { get; }

    /// <summary>The Core statement that runs.</summary>
    internal abstract DmlStatement CoreStatement { get; }

    internal override Compiled CompileCached(Dialect dialect, object? parameters) => CoreStatement.CompileCached(dialect, parameters);

    internal override BindParameter[] BoundValues => CoreStatement.BoundValues;

    internal override void CheckParameterSets(IReadOnlyList<object> sets) => CoreStatement.CheckParameterSets(sets);
}

/// <summary>
/// An ORM-enabled UPDATE of <typeparamref name="T"/>'s rows (<c>Update&lt;A&gt;().Where(a =&gt; a.Id &gt; 3).Set(a =&gt;
/// a.Data, "x")</c>), run by a session, which then synchronizes the instances it holds
/// (<see cref="SynchronizeSession"/>). Immutable: each method returns a new statement.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
public sealed class Update<T> : BulkStatement<T>
    where T : class, IMapped<T>
{
    private readonly Sql.Update _where;
    private Sql.Update? _core;

    internal Update()
        : this(T.Mapper.Table.Update(), [], false, [])
    {
    }

    private Update(Sql.Update where, ImmutableArray<Expression<Func<T, bool>>> predicates, bool coreWhere, ImmutableArray<Assignment> assignments)
        : base(predicates, coreWhere)
    {
        _where = where;
        Assignments = assignments;
    }

    /// <summary>One SET: a value, or a lambda computing it from the row (<c>a =&gt; a.Count + 1</c>).</summary>
    internal sealed record Assignment(MappedColumn Column, object? Value, LambdaExpression? Computed);

    internal ImmutableArray<Assignment> Assignments { get; }

    internal override DmlStatement CoreStatement => _core ??= Build();

    /// <summary>Adds a WHERE condition written over the entity; several are joined with AND.</summary>
    public Update<T> Where(Expression<Func<T, bool>> predicate) =>
        new(_where.Where(LambdaTranslator.Translate(T.Mapper, predicate)), Predicates.Add(predicate), HasCoreWhere, Assignments);

    /// <summary>Adds a WHERE condition written in Core expressions (over <c>T.Mapper.Table</c>'s columns).</summary>
    public Update<T> Where(ColumnElement condition) => new(_where.Where(condition), Predicates, true, Assignments);

    /// <summary>Sets a column to a value.</summary>
    public Update<T> Set<TValue>(Expression<Func<T, TValue>> property, TValue value) => With(new Assignment(Column(property), value, null));

    /// <summary>Sets a column to a value computed from the row in SQL (<c>Set(a =&gt; a.Count, a =&gt; a.Count + 1)</c>).</summary>
    public Update<T> Set<TValue>(Expression<Func<T, TValue>> property, Expression<Func<T, TValue>> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return With(new Assignment(Column(property), null, value));
    }

    private static MappedColumn Column(LambdaExpression property)
    {
        var column = LambdaTranslator.Property(T.Mapper, property);
        if (column.Column.PrimaryKey)
        {
            throw new ArgumentException(
                $"{typeof(T).Name}.{column.PropertyName} is part of the primary key, which a bulk UPDATE does not change: load the instance, " +
                "set its key and flush, so the identity map follows.", nameof(property));
        }
        return column;
    }

    private Update<T> With(Assignment assignment) =>
        new(_where, Predicates, HasCoreWhere, [.. Assignments.Where(a => a.Column != assignment.Column), assignment]);

    private Sql.Update Build()
    {
        if (Assignments.IsEmpty)
            throw new InvalidOperationException($"This UPDATE of {typeof(T).Name} sets nothing: call Set(x => x.Property, value) first.");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var assignment in Assignments)
        {
            values[assignment.Column.Column.Name] = assignment.Computed is { } computed
                ? LambdaTranslator.Translate(T.Mapper, computed)
                : assignment.Value;
        }
        return _where.Values(values);
    }
}

/// <summary>
/// An ORM-enabled DELETE of <typeparamref name="T"/>'s rows (<c>Delete&lt;A&gt;().Where(a =&gt; a.Data == "x")</c>),
/// run by a session, which then marks the instances it holds of those rows deleted (<see cref="SynchronizeSession"/>).
/// Immutable: each method returns a new statement.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
public sealed class Delete<T> : BulkStatement<T>
    where T : class, IMapped<T>
{
    private readonly Sql.Delete _core;

    internal Delete()
        : this(T.Mapper.Table.Delete(), [], false)
    {
    }

    private Delete(Sql.Delete core, ImmutableArray<Expression<Func<T, bool>>> predicates, bool coreWhere)
        : base(predicates, coreWhere) => _core = core;

    internal override DmlStatement CoreStatement => _core;

    /// <summary>Adds a WHERE condition written over the entity; several are joined with AND.</summary>
    public Delete<T> Where(Expression<Func<T, bool>> predicate) =>
        new(_core.Where(LambdaTranslator.Translate(T.Mapper, predicate)), Predicates.Add(predicate), HasCoreWhere);

    /// <summary>Adds a WHERE condition written in Core expressions (over <c>T.Mapper.Table</c>'s columns).</summary>
    public Delete<T> Where(ColumnElement condition) => new(_core.Where(condition), Predicates, true);
}
