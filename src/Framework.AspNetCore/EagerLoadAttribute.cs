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
