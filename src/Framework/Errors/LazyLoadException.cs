namespace Framework;

/// <summary>
/// Reading an attribute that is not loaded would need SQL, and Framework does no hidden I/O: outside
/// <c>RunSyncAsync</c>, an expired, deferred or unloaded attribute must be loaded explicitly. The message names the
/// attribute and the ways to load it.
/// </summary>
public sealed class LazyLoadException : FrameworkException
{
    /// <summary>Creates the exception.</summary>
    public LazyLoadException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception for attribute <paramref name="attributeName"/> of <paramref name="entityName"/>.</summary>
    public LazyLoadException(string message, string entityName, string attributeName) : base(message)
    {
        EntityName = entityName ?? throw new ArgumentNullException(nameof(entityName));
        AttributeName = attributeName ?? throw new ArgumentNullException(nameof(attributeName));
    }

    /// <summary>The entity type's name.</summary>
    public string? EntityName { get; }

    /// <summary>The attribute's name.</summary>
    public string? AttributeName { get; }

    /// <inheritdoc />
    public override string Code => "FWK3003";
}
