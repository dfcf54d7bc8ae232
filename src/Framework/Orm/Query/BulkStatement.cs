using System.Collections.Immutable;
using System.Linq.Expressions;
using Framework.Sql;

namespace Framework.Orm;

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
