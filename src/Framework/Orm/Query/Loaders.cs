using System.Linq.Expressions;

namespace Framework.Orm;

/// <summary>
/// Loader options (SQLAlchemy's loader strategies), meant for <c>using static Framework.Orm.Loaders;</c>:
/// <c>session.ExecuteAsync(Select&lt;A&gt;().Options(SelectInLoad&lt;A&gt;(a =&gt; a.Bs)))</c>. A path continues with
/// the target's type named: <c>SelectInLoad&lt;A&gt;(a =&gt; a.Bs).SelectInLoad&lt;B&gt;(b =&gt; b.Cs)</c>.
/// </summary>
public static class Loaders
{
    /// <summary>Loads a relationship with one more SELECT … WHERE key IN (…) for all the instances loaded (per level of a path).</summary>
    public static LoaderOption SelectInLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LazyStrategy.SelectIn)]);

    /// <summary>
    /// Loads a relationship in the same SELECT, by a LEFT OUTER JOIN (an inner join with <paramref name="innerJoin"/>).
    /// A joined collection repeats the parent rows, so its result needs <c>Unique()</c>.
    /// </summary>
    public static LoaderOption JoinedLoad<T>(Expression<Func<T, object?>> relationship, bool innerJoin = false)
        where T : class, IMapped<T> => new([Relationship(relationship, LazyStrategy.Joined, innerJoin)]);

    /// <summary>Loads a relationship as each instance loads, by a SELECT per instance.</summary>
    public static LoaderOption ImmediateLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LazyStrategy.Immediate)]);

    /// <summary>
    /// Makes reading the relationship unloaded throw <see cref="LazyLoadException"/>, even inside RunSyncAsync; with
    /// <paramref name="sqlOnly"/>, a many-to-one whose target the identity map holds is still served.
    /// </summary>
    public static LoaderOption RaiseLoad<T>(Expression<Func<T, object?>> relationship, bool sqlOnly = false)
        where T : class, IMapped<T> => new([Relationship(relationship, sqlOnly ? LazyStrategy.RaiseOnSql : LazyStrategy.Raise)]);

    /// <summary>Leaves the relationship empty (or null) on the instances loaded.</summary>
    public static LoaderOption NoLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LazyStrategy.NoLoad)]);

    /// <summary>Loads the relationship lazily: only inside RunSyncAsync, or with AwaitableAttrs (the Select strategy).</summary>
    public static LoaderOption LazyLoad<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LazyStrategy.Select)]);

    /// <summary>
    /// Fills the relationship from a table the query already joins (<c>Select&lt;A&gt;().Join(a =&gt; a.Bs).Where(...)
    /// .Options(ContainsEager&lt;A&gt;(a =&gt; a.Bs))</c>): the related rows come from the same SELECT.
    /// </summary>
    public static LoaderOption ContainsEager<T>(Expression<Func<T, object?>> relationship)
        where T : class, IMapped<T> => new([Relationship(relationship, LoaderStrategy.ContainsEager)]);

    /// <summary>Leaves columns out of the SELECT: they load on first access inside RunSyncAsync, or with AwaitableAttrs.</summary>
    public static LoaderOption Defer<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => new([ColumnStep(columns, ColumnLoading.Defer)]);

    /// <summary>Loads deferred columns with the SELECT.</summary>
    public static LoaderOption Undefer<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => new([ColumnStep(columns, ColumnLoading.Undefer)]);

    /// <summary>Loads only these columns (and the primary key); the others are deferred.</summary>
    public static LoaderOption LoadOnly<T>(params Expression<Func<T, object?>>[] columns)
        where T : class, IMapped<T> => new([ColumnStep(columns, ColumnLoading.LoadOnly)]);

    internal static LoaderStep Relationship<T>(Expression<Func<T, object?>> relationship, LazyStrategy strategy, bool innerJoin = false)
        where T : class, IMapped<T> => Relationship(relationship, LoaderStrategy.Of(strategy), innerJoin);

    internal static LoaderStep Relationship<T>(Expression<Func<T, object?>> relationship, LoaderStrategy strategy, bool innerJoin = false)
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
        return new LoaderStep(mapper, found, [], strategy, ColumnLoading.None, innerJoin);
    }

    internal static LoaderStep ColumnStep<T>(Expression<Func<T, object?>>[] columns, ColumnLoading loading)
        where T : class, IMapped<T>
    {
        ArgumentNullException.ThrowIfNull(columns);
        var mapper = T.Mapper;
        return new LoaderStep(mapper, null, [.. columns.Select(c =>
        {
            var name = MemberName(c);
            return mapper.Columns.FirstOrDefault(m => m.PropertyName == name) ?? throw new ArgumentException(
                $"{typeof(T).Name}.{name} is not a mapped column; the columns are {string.Join(", ", mapper.Columns.Select(m => m.PropertyName))}.", nameof(columns));
        })], null, loading, false);
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
