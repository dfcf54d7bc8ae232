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
    // TEntity is not constrained to IMapped<TEntity>: only Framework's source generator makes an entity implement it, and
    // ASP.NET Core's generators (validation, request delegates) see the compilation without that generator's output. There
    // a constrained call fails to bind, so `var g = app.MapGroup("/a").EagerLoad<A>(a => a.Bs)` has no type and every
    // g.MapPost(...) is invisible to them: its body would go unvalidated. LoaderPath checks the entity when the call runs.

    /// <summary>
    /// Every ORM SELECT of <typeparamref name="TEntity"/> that the endpoint's requests run loads
    /// <paramref name="relationship"/> with <paramref name="strategy"/> (select-in by default), unless the statement has an
    /// option of its own for it.
    /// </summary>
    /// <typeparam name="TEntity">A mapped entity (a <c>[Table]</c> class).</typeparam>
    /// <exception cref="ArgumentException"><typeparamref name="TEntity"/> is not a mapped entity, or
    /// <paramref name="relationship"/> names none of its relationships; thrown here, where the endpoint is declared.</exception>
    public static RouteHandlerBuilder EagerLoad<TEntity>(this RouteHandlerBuilder builder, Expression<Func<TEntity, object?>> relationship,
        EagerLoadStrategy strategy = EagerLoadStrategy.SelectIn)
        where TEntity : class => builder.EagerLoad(LoaderPath.Build(relationship, strategy));

    /// <summary>Every endpoint of the group loads <paramref name="relationship"/> of <typeparamref name="TEntity"/> eagerly.</summary>
    /// <inheritdoc cref="EagerLoad{TEntity}(RouteHandlerBuilder, Expression{Func{TEntity, object?}}, EagerLoadStrategy)"/>
    public static RouteGroupBuilder EagerLoad<TEntity>(this RouteGroupBuilder builder, Expression<Func<TEntity, object?>> relationship,
        EagerLoadStrategy strategy = EagerLoadStrategy.SelectIn)
        where TEntity : class => builder.EagerLoad(LoaderPath.Build(relationship, strategy));

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
}
