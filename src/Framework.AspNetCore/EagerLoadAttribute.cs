using System.Linq.Expressions;
using System.Reflection;
using Framework.Orm;

namespace Framework.AspNetCore;

/// <summary>
/// An eager-load policy for a controller or an action: every ORM SELECT of <c>entity</c> that the request's sessions run
/// loads <c>path</c> (a relationship, or a dotted chain such as <c>"Books.Reviews"</c>), select-in by default:
/// <c>[EagerLoad(typeof(Author), nameof(Author.Books))]</c>. An option written on the statement wins. Minimal APIs:
/// <c>.EagerLoad&lt;Author&gt;(a =&gt; a.Books)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class EagerLoadAttribute : Attribute, IEagerLoadMetadata
{
    /// <summary>The policy for <paramref name="path"/> of <paramref name="entity"/>, loaded with <paramref name="strategy"/>.</summary>
    /// <param name="entity">The mapped entity the path starts from.</param>
    /// <param name="path">A relationship of <paramref name="entity"/>, or relationships joined by dots.</param>
    /// <param name="strategy">How every step of the path loads.</param>
    /// <exception cref="ArgumentException">The path does not name relationships of mapped entities.</exception>
    public EagerLoadAttribute(Type entity, string path, EagerLoadStrategy strategy = EagerLoadStrategy.SelectIn)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Entity = entity;
        Path = path;
        Strategy = strategy;
        // Built now, so that a misspelled path fails where MVC reads the attribute (building its endpoints), not per request.
        LoaderOption = LoaderPath.Build(entity, path, strategy);
    }

    /// <summary>The entity the path starts from.</summary>
    public Type Entity { get; }

    /// <summary>The relationship, or dotted chain of relationships.</summary>
    public string Path { get; }

    /// <summary>How every step of the path loads.</summary>
    public EagerLoadStrategy Strategy { get; }

    /// <inheritdoc />
    public LoaderOption LoaderOption { get; }
}

/// <summary>Turns a type and a dotted path of property names into the loader option that <see cref="Loaders"/> would build.</summary>
internal static class LoaderPath
{
    private static readonly MethodInfo StartSelectIn = Find(typeof(Loaders), nameof(Loaders.SelectInLoad));
    private static readonly MethodInfo StartJoined = Find(typeof(Loaders), nameof(Loaders.JoinedLoad));
    private static readonly MethodInfo ThenSelectIn = Find(typeof(LoaderOption), nameof(LoaderOption.SelectInLoad));
    private static readonly MethodInfo ThenJoined = Find(typeof(LoaderOption), nameof(LoaderOption.JoinedLoad));

    public static LoaderOption Build(Type entity, string path, EagerLoadStrategy strategy)
    {
        LoaderOption? option = null;
        var type = entity;
        foreach (var name in path.Split('.'))
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) ?? throw new ArgumentException(
                $"[EagerLoad(typeof({entity.Name}), \"{path}\")]: {type.Name} has no public property '{name}'.", nameof(path));
            var parameter = Expression.Parameter(type, "x");
            var lambda = Expression.Lambda(typeof(Func<,>).MakeGenericType(type, typeof(object)),
                Expression.Convert(Expression.Property(parameter, property), typeof(object)), parameter);
            var method = (option, strategy) switch
            {
                (null, EagerLoadStrategy.Joined) => StartJoined,
                (null, _) => StartSelectIn,
                (_, EagerLoadStrategy.Joined) => ThenJoined,
                _ => ThenSelectIn,
            };
            object?[] arguments = strategy == EagerLoadStrategy.Joined ? [lambda, false] : [lambda];
            option = (LoaderOption)Invoke(method, type, option, arguments, entity, path);
            type = TargetType(property.PropertyType);
        }
        return option!;
    }

    private static object Invoke(MethodInfo method, Type type, LoaderOption? on, object?[] arguments, Type entity, string path)
    {
        MethodInfo closed;
        try
        {
            closed = method.MakeGenericMethod(type);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"[EagerLoad(typeof({entity.Name}), \"{path}\")]: {type.Name} is not a mapped entity.", nameof(entity), e);
        }
        try
        {
            return closed.Invoke(on, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw new ArgumentException($"[EagerLoad(typeof({entity.Name}), \"{path}\")]: {inner.Message}", nameof(path), inner);
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
