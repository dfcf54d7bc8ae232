using System.Collections.Immutable;
using System.Linq.Expressions;
using Framework.Sql;

namespace Framework.Orm;

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
