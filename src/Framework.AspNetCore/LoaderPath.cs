using System.Linq.Expressions;
using System.Reflection;
using Framework.Orm;

namespace Framework.AspNetCore;

/// <summary>
/// Builds the loader options of <see cref="EagerLoadAttribute"/> and of <c>.EagerLoad&lt;A&gt;(a =&gt; a.Bs)</c> with the
/// methods of <see cref="Loaders"/>, for an entity type whose <see cref="IMapped{TSelf}"/> the caller does not state.
/// </summary>
internal static class LoaderPath
{
    private static readonly MethodInfo StartSelectIn = Find(typeof(Loaders), nameof(Loaders.SelectInLoad));
    private static readonly MethodInfo StartJoined = Find(typeof(Loaders), nameof(Loaders.JoinedLoad));
    private static readonly MethodInfo ThenSelectIn = Find(typeof(LoaderOption), nameof(LoaderOption.SelectInLoad));
    private static readonly MethodInfo ThenJoined = Find(typeof(LoaderOption), nameof(LoaderOption.JoinedLoad));

    /// <summary>The option of <c>.EagerLoad&lt;TEntity&gt;(relationship, strategy)</c>.</summary>
    public static LoaderOption Build<TEntity>(Expression<Func<TEntity, object?>> relationship, EagerLoadStrategy strategy) where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(relationship);
        return Step(null, typeof(TEntity), relationship, strategy, new Site($".EagerLoad<{typeof(TEntity).Name}>", "TEntity", nameof(relationship)));
    }

    /// <summary>The option of <c>[EagerLoad(entity, path, strategy)]</c>: a dotted path of property names.</summary>
    public static LoaderOption Build(Type entity, string path, EagerLoadStrategy strategy)
    {
        var site = new Site($"[EagerLoad(typeof({entity.Name}), \"{path}\")]", nameof(entity), nameof(path));
        LoaderOption? option = null;
        var type = entity;
        foreach (var name in path.Split('.'))
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) ?? throw new ArgumentException(
                $"{site.Text}: {type.Name} has no public property '{name}'.", nameof(path));
            var parameter = Expression.Parameter(type, "x");
            var lambda = Expression.Lambda(typeof(Func<,>).MakeGenericType(type, typeof(object)),
                Expression.Convert(Expression.Property(parameter, property), typeof(object)), parameter);
            option = Step(option, type, lambda, strategy, site);
            type = TargetType(property.PropertyType);
        }
        return option!;
    }

    // Where a user wrote the option, for messages, and the names of its entity and relationship arguments.
    private sealed record Site(string Text, string EntityParameter, string RelationshipParameter);

    // Loaders.SelectInLoad<type>(relationship) to start a path, option.SelectInLoad<type>(relationship) to continue one.
    private static LoaderOption Step(LoaderOption? on, Type type, LambdaExpression relationship, EagerLoadStrategy strategy, Site site)
    {
        var method = (on, strategy) switch
        {
            (null, EagerLoadStrategy.Joined) => StartJoined,
            (null, _) => StartSelectIn,
            (_, EagerLoadStrategy.Joined) => ThenJoined,
            _ => ThenSelectIn,
        };
        object?[] arguments = strategy == EagerLoadStrategy.Joined ? [relationship, false] : [relationship];
        MethodInfo closed;
        try
        {
            closed = method.MakeGenericMethod(type);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{site.Text}: {type.Name} is not a mapped entity (a [Table] class).", site.EntityParameter, e);
        }
        try
        {
            return (LoaderOption)closed.Invoke(on, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw new ArgumentException($"{site.Text}: {inner.Message}", site.RelationshipParameter, inner);
        }
    }

    // A collection relationship continues with its element type, a reference with its own.
    private static Type TargetType(Type type)
    {
        if (type == typeof(string))
            return type;
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? type;
    }

    private static MethodInfo Find(Type type, string name) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance).Single(m => m.Name == name && m.IsGenericMethodDefinition);
}
