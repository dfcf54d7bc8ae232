using Framework.Orm;

namespace Framework.AspNetCore;

/// <summary>
/// Endpoint metadata: a loader option that every ORM SELECT of its first entity gets as a default in the sessions of the
/// endpoint's requests (<see cref="AsyncSession.AddDefaultLoaderOptions"/>); an option written on the statement for the same
/// attribute wins. Added by <c>.EagerLoad&lt;A&gt;(a =&gt; a.Bs)</c> and <see cref="EagerLoadAttribute"/>.
/// </summary>
public interface IEagerLoadMetadata
{
    /// <summary>The loader option.</summary>
    LoaderOption LoaderOption { get; }
}

/// <summary>The metadata that <c>.EagerLoad(...)</c> adds to a minimal API endpoint or a route group.</summary>
internal sealed class EagerLoadMetadata(LoaderOption option) : IEagerLoadMetadata
{
    public LoaderOption LoaderOption { get; } = option;

    public override string ToString() => $"EagerLoad({LoaderOption})";
}
