using System.Collections.Immutable;
using System.Linq.Expressions;
using Framework.Sql;

namespace Framework.Orm;

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
