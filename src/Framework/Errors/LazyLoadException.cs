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
    public string? EntityName { get; private init; }

    /// <summary>The attribute's name.</summary>
    public string? AttributeName { get; private init; }

    /// <inheritdoc />
    public override string Code => "FWK3003";

    internal static LazyLoadException ForAttribute(Orm.Internal.EntityState state, int index)
    {
        var entity = state.Mapper.EntityType.Name;
        var variable = char.ToLowerInvariant(entity[0]).ToString();
        if (state.Mapper.RelationshipAt(index) is { } relationship)
        {
            var name = relationship.PropertyName;
            var raise = state.StrategyOf(relationship) is Orm.LazyStrategy.Raise or Orm.LazyStrategy.RaiseOnSql;
            return new LazyLoadException(
                $"{entity}.{name} is not loaded{(raise ? " and its loader is raise, so it never loads implicitly" : "")}. Eager-load it with " +
                $".Options(SelectInLoad<{entity}>({variable} => {variable}.{name})), load it with await {variable}.AwaitableAttrs.{name}" +
                (raise ? "." : ", or touch it inside session.RunSyncAsync(...)."))
            {
                EntityName = entity,
                AttributeName = name,
            };
        }
        var column = state.Mapper.Columns[index];
        var how = column.Deferred
            ? $"Undefer it with .Options(Undefer<{entity}>({variable} => {variable}.{column.PropertyName}))"
            : $"Reload it with await session.RefreshAsync({variable})";
        return new LazyLoadException(
            $"{entity}.{column.PropertyName} is not loaded{(column.Deferred ? " (deferred)" : " (expired)")}. {how}, load it with " +
            $"await {variable}.AwaitableAttrs.{column.PropertyName}, or touch it inside session.RunSyncAsync(...).")
        {
            EntityName = entity,
            AttributeName = column.PropertyName,
        };
    }

    internal static LazyLoadException Detached(Orm.Internal.EntityState state, int index)
    {
        var entity = state.Mapper.EntityType.Name;
        var name = state.Mapper.AttributeName(index);
        return new LazyLoadException(
            $"{entity}.{name} is not loaded and the instance belongs to no session, so nothing can load it. Add it to a session " +
            $"(session.Add, or await session.MergeAsync) first, or load what you need before the session closes.")
        {
            EntityName = entity,
            AttributeName = name,
        };
    }
}
