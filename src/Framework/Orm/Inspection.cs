namespace Framework.Orm;

/// <summary>
/// SQLAlchemy's <c>inspect()</c> for mapped instances and classes: what the ORM knows of an instance (its state, key,
/// session and attributes) and of an entity type (its mapper), read without loading anything and without raising
/// <see cref="LazyLoadException"/>. <c>using static Framework.Orm.Inspection;</c> then <c>Inspect(author)</c>.
/// </summary>
public static class Inspection
{
    /// <summary>The ORM state of <paramref name="entity"/>, a live view: it follows the instance as the session changes it.</summary>
    /// <exception cref="ArgumentException">The object is not a mapped entity.</exception>
    public static InstanceState Inspect(object entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity is not IMapped mapped)
        {
            throw new ArgumentException(
                $"{entity.GetType().Name} is not a mapped entity, so there is nothing to inspect: mark it [Table(\"name\")], make it partial, " +
                "and derive it from a [DeclarativeBase] class.", nameof(entity));
        }
        return new InstanceState(mapped.EntityState);
    }

    /// <summary>
    /// Whether attribute <paramref name="attributeIndex"/> of <paramref name="entity"/> (a <see cref="MappedColumn.Index"/> or
    /// <see cref="MappedRelationship.Index"/>) is loaded, so that reading its property does no I/O and raises nothing. The
    /// same answer as <c>Inspect(entity).Attributes[attributeIndex].IsLoaded</c> without allocating: for code that checks
    /// many instances, such as a serializer's contract.
    /// </summary>
    /// <exception cref="ArgumentException">The object is not a mapped entity.</exception>
    public static bool IsLoaded(object entity, int attributeIndex)
    {
        if (entity is not IMapped mapped)
            return Inspect(entity).Attributes[attributeIndex].IsLoaded;
        return mapped.EntityState.IsLoaded(attributeIndex);
    }

    /// <summary>
    /// Whether any attribute of <paramref name="entity"/> is not loaded (expired, deferred, or a relationship no loader
    /// loaded): the same answer as <c>Inspect(entity).Unloaded.Count &gt; 0</c>, in constant time and without allocating, so
    /// that code checking many instances (a serializer's contract) looks at each attribute only when one is missing.
    /// </summary>
    /// <exception cref="ArgumentException">The object is not a mapped entity.</exception>
    public static bool HasUnloaded(object entity)
    {
        if (entity is not IMapped mapped)
            return Inspect(entity).Unloaded.Count > 0;
        return mapped.EntityState.HasUnloaded;
    }

    /// <summary>The mapping of <typeparamref name="T"/>: its table, columns, primary key and relationships.</summary>
    public static EntityMapper Mapper<T>()
        where T : class, IMapped<T> => T.Mapper;
}
