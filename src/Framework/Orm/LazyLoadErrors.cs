using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// The messages of <see cref="LazyLoadException"/> for an attribute that is not loaded: the ORM knows the entity, the
/// attribute and its loader, and says which fix applies (the exception itself lives with the other errors, which know no ORM).
/// </summary>
internal static class LazyLoadErrors
{
    public static LazyLoadException ForAttribute(EntityState state, int index)
    {
        var entity = state.Mapper.EntityType.Name;
        var variable = char.ToLowerInvariant(entity[0]).ToString();
        if (state.Mapper.RelationshipAt(index) is { } relationship)
        {
            var name = relationship.PropertyName;
            var raise = state.StrategyOf(relationship) is LazyStrategy.Raise or LazyStrategy.RaiseOnSql;
            return new LazyLoadException(
                $"{entity}.{name} is not loaded{(raise ? " and its loader is raise, so it never loads implicitly" : "")}. Eager-load it with " +
                $".Options(SelectInLoad<{entity}>({variable} => {variable}.{name})), load it with await {variable}.AwaitableAttrs.{name}" +
                (raise ? "." : ", or touch it inside session.RunSyncAsync(...)."),
                entity, name);
        }
        var column = state.Mapper.Columns[index];
        var how = column.Deferred
            ? $"Undefer it with .Options(Undefer<{entity}>({variable} => {variable}.{column.PropertyName}))"
            : $"Reload it with await session.RefreshAsync({variable})";
        return new LazyLoadException(
            $"{entity}.{column.PropertyName} is not loaded{(column.Deferred ? " (deferred)" : " (expired)")}. {how}, load it with " +
            $"await {variable}.AwaitableAttrs.{column.PropertyName}, or touch it inside session.RunSyncAsync(...).",
            entity, column.PropertyName);
    }

    public static LazyLoadException Detached(EntityState state, int index)
    {
        var entity = state.Mapper.EntityType.Name;
        var name = state.Mapper.AttributeName(index);
        return new LazyLoadException(
            $"{entity}.{name} is not loaded and the instance belongs to no session, so nothing can load it. Add it to a session " +
            $"(session.Add, or await session.MergeAsync) first, or load what you need before the session closes.",
            entity, name);
    }
}
