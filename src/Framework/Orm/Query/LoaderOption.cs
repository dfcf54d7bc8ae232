using System.Linq.Expressions;

namespace Framework.Orm;

/// <summary>
/// A loader option for a query (<c>Select&lt;A&gt;().Options(SelectInLoad&lt;A&gt;(a =&gt; a.Bs))</c>): how a relationship
/// or columns load, along a path that continues with <c>.SelectInLoad&lt;B&gt;(b =&gt; b.Cs)</c> and the others.
/// </summary>
public sealed class LoaderOption
{
    internal LoaderOption(LoaderStep[] steps) => Steps = steps;

    internal LoaderStep[] Steps { get; }

    /// <summary>Then loads a relationship of the instances the path reached, by SELECT … IN.</summary>
    public LoaderOption SelectInLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LazyStrategy.SelectIn));

    /// <summary>Then loads a relationship of the instances the path reached, by a JOIN in the same SELECT.</summary>
    public LoaderOption JoinedLoad<T>(Expression<Func<T, object?>> relationship, bool innerJoin = false)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LazyStrategy.Joined, innerJoin));

    /// <summary>Then loads a relationship as each instance loads.</summary>
    public LoaderOption ImmediateLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LazyStrategy.Immediate));

    /// <summary>Then makes a relationship raise when read unloaded, even inside RunSyncAsync.</summary>
    public LoaderOption RaiseLoad<T>(Expression<Func<T, object?>> relationship, bool sqlOnly = false)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, sqlOnly ? LazyStrategy.RaiseOnSql : LazyStrategy.Raise));

    /// <summary>Then leaves a relationship empty (or null).</summary>
    public LoaderOption NoLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LazyStrategy.NoLoad));

    /// <summary>Then loads a relationship lazily (only inside RunSyncAsync, or with AwaitableAttrs).</summary>
    public LoaderOption LazyLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LazyStrategy.Select));

    /// <summary>Then defers columns of the instances the path reached.</summary>
    public LoaderOption Defer<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => Then(Loaders.ColumnStep(columns, ColumnLoading.Defer));

    /// <summary>Then loads deferred columns of the instances the path reached.</summary>
    public LoaderOption Undefer<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => Then(Loaders.ColumnStep(columns, ColumnLoading.Undefer));

    /// <summary>Then loads only these columns (and the primary key) of the instances the path reached.</summary>
    public LoaderOption LoadOnly<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => Then(Loaders.ColumnStep(columns, ColumnLoading.LoadOnly));

    private LoaderOption Then(LoaderStep next)
    {
        var last = Steps[^1];
        if (last.Relationship is null)
            throw new ArgumentException($"A loader path cannot continue after a column option ({last.Name}); start a new option.", nameof(next));
        if (!ReferenceEquals(last.Relationship.Target, next.Mapper))
        {
            throw new ArgumentException(
                $"The path reached {last.Relationship.Target.EntityType.Name} (through {last.Relationship}), so it continues with an attribute of " +
                $"{last.Relationship.Target.EntityType.Name}, not of {next.Mapper.EntityType.Name}.", nameof(next));
        }
        return new LoaderOption([.. Steps, next]);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" -> ", Steps.Select(s => $"{s.Name}({s.Relationship?.ToString() ?? string.Join(", ", s.Columns.Select(c => c.PropertyName))})"));
}
