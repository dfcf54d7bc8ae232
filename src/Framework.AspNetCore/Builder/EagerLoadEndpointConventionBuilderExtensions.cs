using System.Linq.Expressions;
using Framework.AspNetCore;
using Framework.Orm;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Eager-load policies and query budgets as endpoint metadata: <c>app.MapGet("/a", ...).EagerLoad&lt;A&gt;(a =&gt; a.Bs)</c>,
/// on one endpoint or a route group.
/// </summary>
public static class EagerLoadEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Every ORM SELECT of <typeparamref name="TEntity"/> that the endpoint's requests run loads
    /// <paramref name="relationship"/> with <paramref name="strategy"/> (select-in by default), unless the statement has an
    /// option of its own for it.
    /// </summary>
    public static RouteHandlerBuilder EagerLoad<TEntity>(this RouteHandlerBuilder builder, Expression<Func<TEntity, object?>> relationship,
        EagerLoadStrategy strategy = EagerLoadStrategy.SelectIn)
        where TEntity : class, IMapped<TEntity> => builder.EagerLoad(Option(relationship, strategy));

    /// <summary>Every endpoint of the group loads <paramref name="relationship"/> of <typeparamref name="TEntity"/> eagerly.</summary>
    /// <inheritdoc cref="EagerLoad{TEntity}(RouteHandlerBuilder, Expression{Func{TEntity, object?}}, EagerLoadStrategy)"/>
    public static RouteGroupBuilder EagerLoad<TEntity>(this RouteGroupBuilder builder, Expression<Func<TEntity, object?>> relationship,
        EagerLoadStrategy strategy = EagerLoadStrategy.SelectIn)
        where TEntity : class, IMapped<TEntity> => builder.EagerLoad(Option(relationship, strategy));

    /// <summary>
    /// The endpoint's requests get <paramref name="options"/> as default loader options of their sessions: paths of any
    /// length and strategy, <c>.EagerLoad(SelectInLoad&lt;A&gt;(a =&gt; a.Bs).SelectInLoad&lt;B&gt;(b =&gt; b.Cs))</c>.
    /// </summary>
    public static TBuilder EagerLoad<TBuilder>(this TBuilder builder, params LoaderOption[] options) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var option in options)
            builder.WithMetadata(new EagerLoadMetadata(option ?? throw new ArgumentNullException(nameof(options))));
        return builder;
    }

    /// <summary>
    /// A request of the endpoint may run at most <paramref name="maxStatements"/> statements across its sessions; beyond, it
    /// gets what <see cref="QueryBudgetOptions.Mode"/> says.
    /// </summary>
    public static TBuilder QueryBudget<TBuilder>(this TBuilder builder, int maxStatements) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryBudgetAttribute(maxStatements));

    private static LoaderOption Option<TEntity>(Expression<Func<TEntity, object?>> relationship, EagerLoadStrategy strategy)
        where TEntity : class, IMapped<TEntity> =>
        strategy == EagerLoadStrategy.Joined ? Loaders.JoinedLoad(relationship) : Loaders.SelectInLoad(relationship);
}
