using System.Linq.Expressions;

namespace Framework.Orm;

/// <summary>How a loader option loads an attribute.</summary>
internal enum LoaderKind
{
    SelectIn,
    Joined,
    Immediate,
    Lazy,
    Raise,
    RaiseOnSql,
    NoLoad,
    Defer,
    Undefer,
    LoadOnly,
    ContainsEager,
}

/// <summary>One step of a loader path: an attribute of an entity and how to load it.</summary>
internal sealed record LoaderStep(EntityMapper Mapper, MappedRelationship? Relationship, MappedColumn[] Columns, LoaderKind Kind, bool InnerJoin);

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
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LoaderKind.SelectIn));

    /// <summary>Then loads a relationship of the instances the path reached, by a JOIN in the same SELECT.</summary>
    public LoaderOption JoinedLoad<T>(Expression<Func<T, object?>> relationship, bool innerJoin = false)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LoaderKind.Joined, innerJoin));

    /// <summary>Then loads a relationship as each instance loads.</summary>
    public LoaderOption ImmediateLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LoaderKind.Immediate));

    /// <summary>Then makes a relationship raise when read unloaded, even inside RunSyncAsync.</summary>
    public LoaderOption RaiseLoad<T>(Expression<Func<T, object?>> relationship, bool sqlOnly = false)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, sqlOnly ? LoaderKind.RaiseOnSql : LoaderKind.Raise));

    /// <summary>Then leaves a relationship empty (or null).</summary>
    public LoaderOption NoLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LoaderKind.NoLoad));

    /// <summary>Then loads a relationship lazily (only inside RunSyncAsync, or with AwaitableAttrs).</summary>
    public LoaderOption LazyLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => Then(Loaders.Relationship(relationship, LoaderKind.Lazy));

    /// <summary>Then defers columns of the instances the path reached.</summary>
    public LoaderOption Defer<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => Then(Loaders.ColumnStep(columns, LoaderKind.Defer));

    /// <summary>Then loads deferred columns of the instances the path reached.</summary>
    public LoaderOption Undefer<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => Then(Loaders.ColumnStep(columns, LoaderKind.Undefer));

    /// <summary>Then loads only these columns (and the primary key) of the instances the path reached.</summary>
    public LoaderOption LoadOnly<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => Then(Loaders.ColumnStep(columns, LoaderKind.LoadOnly));

    private LoaderOption Then(LoaderStep next)
    {
        var last = Steps[^1];
        if (last.Relationship is null)
            throw new ArgumentException($"A loader path cannot continue after a column option ({last.Kind}); start a new option.", nameof(next));
        if (!ReferenceEquals(last.Relationship.Target, next.Mapper))
        {
            throw new ArgumentException(
                $"The path reached {last.Relationship.Target.EntityType.Name} (through {last.Relationship}), so it continues with an attribute of " +
                $"{last.Relationship.Target.EntityType.Name}, not of {next.Mapper.EntityType.Name}.", nameof(next));
        }
        return new LoaderOption([.. Steps, next]);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" -> ", Steps.Select(s => $"{s.Kind}({s.Relationship?.ToString() ?? string.Join(", ", s.Columns.Select(c => c.PropertyName))})"));
}

/// <summary>
/// Loader options (SQLAlchemy's loader strategies), meant for <c>using static Framework.Orm.Loaders;</c>:
/// <c>session.ExecuteAsync(Select&lt;A&gt;().Options(SelectInLoad&lt;A&gt;(a =&gt; a.Bs)))</c>. A path continues with
/// the target's type named: <c>SelectInLoad&lt;A&gt;(a =&gt; a.Bs).SelectInLoad&lt;B&gt;(b =&gt; b.Cs)</c>.
/// </summary>
public static class Loaders
{
    /// <summary>Loads a relationship with one more SELECT … WHERE key IN (…) for all the instances loaded (per level of a path).</summary>
    public static LoaderOption SelectInLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LoaderKind.SelectIn)]);

    /// <summary>
    /// Loads a relationship in the same SELECT, by a LEFT OUTER JOIN (an inner join with <paramref name="innerJoin"/>).
    /// A joined collection repeats the parent rows, so its result needs <c>Unique()</c>.
    /// </summary>
    public static LoaderOption JoinedLoad<T>(Expression<Func<T, object?>> relationship, bool innerJoin = false)
        where T : class, IMapped<T> => new([Relationship(relationship, LoaderKind.Joined, innerJoin)]);

    /// <summary>Loads a relationship as each instance loads, by a SELECT per instance.</summary>
    public static LoaderOption ImmediateLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LoaderKind.Immediate)]);

    /// <summary>
    /// Makes reading the relationship unloaded throw <see cref="LazyLoadException"/>, even inside RunSyncAsync; with
    /// <paramref name="sqlOnly"/>, a many-to-one whose target the identity map holds is still served.
    /// </summary>
    public static LoaderOption RaiseLoad<T>(Expression<Func<T, object?>> relationship, bool sqlOnly = false)
        where T : class, IMapped<T> => new([Relationship(relationship, sqlOnly ? LoaderKind.RaiseOnSql : LoaderKind.Raise)]);

    /// <summary>Leaves the relationship empty (or null) on the instances loaded.</summary>
    public static LoaderOption NoLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LoaderKind.NoLoad)]);

    /// <summary>Loads the relationship lazily: only inside RunSyncAsync, or with AwaitableAttrs (the Select strategy).</summary>
    public static LoaderOption LazyLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LoaderKind.Lazy)]);

    /// <summary>
    /// Fills the relationship from a table the query already joins (<c>Select&lt;A&gt;().Join(a =&gt; a.Bs).Where(...)
    /// .Options(ContainsEager&lt;A&gt;(a =&gt; a.Bs))</c>): the related rows come from the same SELECT.
    /// </summary>
    public static LoaderOption ContainsEager<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LoaderKind.ContainsEager)]);

    /// <summary>Leaves columns out of the SELECT: they load on first access inside RunSyncAsync, or with AwaitableAttrs.</summary>
    public static LoaderOption Defer<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => new([ColumnStep(columns, LoaderKind.Defer)]);

    /// <summary>Loads deferred columns with the SELECT.</summary>
    public static LoaderOption Undefer<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => new([ColumnStep(columns, LoaderKind.Undefer)]);

    /// <summary>Loads only these columns (and the primary key); the others are deferred.</summary>
    public static LoaderOption LoadOnly<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => new([ColumnStep(columns, LoaderKind.LoadOnly)]);

    internal static LoaderStep Relationship<T>(Expression<Func<T, object?>> relationship, LoaderKind kind, bool innerJoin = false)
        where T : class, IMapped<T>
    {
        var name = MemberName(relationship);
        var mapper = T.Mapper;
        var found = mapper.Relationships.FirstOrDefault(r => r.PropertyName == name) ?? throw new ArgumentException(
            $"{typeof(T).Name}.{name} is not a relationship; the relationships of {typeof(T).Name} are " +
            $"{(mapper.Relationships.Count == 0 ? "none" : string.Join(", ", mapper.Relationships.Select(r => r.PropertyName)))}. " +
            "For a column, use Defer, Undefer or LoadOnly.", nameof(relationship));
        if (found.Lazy == LazyStrategy.WriteOnly)
            throw new ArgumentException($"{found} is write-only: it never loads; run its Select() instead.", nameof(relationship));
        return new LoaderStep(mapper, found, [], kind, innerJoin);
    }

    internal static LoaderStep ColumnStep<T>(Expression<Func<T, object?>>[] columns, LoaderKind kind)
        where T : class, IMapped<T>
    {
        ArgumentNullException.ThrowIfNull(columns);
        var mapper = T.Mapper;
        return new LoaderStep(mapper, null, [.. columns.Select(c =>
        {
            var name = MemberName(c);
            return mapper.Columns.FirstOrDefault(m => m.PropertyName == name) ?? throw new ArgumentException(
                $"{typeof(T).Name}.{name} is not a mapped column; the columns are {string.Join(", ", mapper.Columns.Select(m => m.PropertyName))}.", nameof(columns));
        })], kind, false);
    }

    private static string MemberName(LambdaExpression lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        var body = lambda.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : lambda.Body;
        return body is MemberExpression member && member.Expression == lambda.Parameters[0]
            ? member.Member.Name
            : throw new ArgumentException($"Name one property of the entity, as in x => x.Name; '{lambda}' is not one.", nameof(lambda));
    }
}
