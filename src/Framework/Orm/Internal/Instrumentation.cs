using System.ComponentModel;
using Framework.Sql;

namespace Framework.Orm.Internal;

/// <summary>
/// What the source generator's code calls to build a mapper and the instrumented collections of relationship
/// properties, and to implement <c>ToString</c>. Part of the generator's contract, not API: the types it returns are the
/// ones users read (<see cref="EntityMapper"/>, <see cref="RelationshipList{T}"/>, <see cref="WriteOnlyCollection{T}"/>),
/// but only generated code makes them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Instrumentation
{
    /// <summary>Maps <typeparamref name="TEntity"/> to a new table in <paramref name="metadata"/>.</summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="tableName">The table's name.</param>
    /// <param name="metadata">The MetaData of the entity's declarative base.</param>
    /// <param name="factory">Makes an empty instance.</param>
    /// <param name="columns">The mapped columns, in declaration order.</param>
    /// <param name="eagerDefaults">Whether a flush reads server-generated values back with RETURNING.</param>
    /// <param name="tableItems">Further constraints and indexes of the table.</param>
    public static EntityMapper<TEntity> Mapper<TEntity>(string tableName, MetaData metadata, Func<TEntity> factory, IReadOnlyList<MappedColumn> columns,
        bool eagerDefaults = false, params ISchemaItem[] tableItems)
        where TEntity : class, IMapped<TEntity> =>
        new(tableName, metadata, factory, columns, [], eagerDefaults, tableItems);

    /// <summary>Maps <typeparamref name="TEntity"/>, with relationship properties, to a new table in <paramref name="metadata"/>.</summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="tableName">The table's name.</param>
    /// <param name="metadata">The MetaData of the entity's declarative base.</param>
    /// <param name="factory">Makes an empty instance.</param>
    /// <param name="columns">The mapped columns, in declaration order.</param>
    /// <param name="relationships">The relationship properties, in declaration order.</param>
    /// <param name="eagerDefaults">Whether a flush reads server-generated values back with RETURNING.</param>
    /// <param name="tableItems">Further constraints and indexes of the table.</param>
    public static EntityMapper<TEntity> Mapper<TEntity>(string tableName, MetaData metadata, Func<TEntity> factory, IReadOnlyList<MappedColumn> columns,
        IReadOnlyList<MappedRelationship> relationships, bool eagerDefaults = false, params ISchemaItem[] tableItems)
        where TEntity : class, IMapped<TEntity> =>
        new(tableName, metadata, factory, columns, relationships, eagerDefaults, tableItems);

    /// <summary>The list behind relationship <paramref name="index"/> of <paramref name="owner"/>, made on first use of the property.</summary>
    /// <typeparam name="T">The related entity type.</typeparam>
    /// <param name="owner">The instance the relationship belongs to.</param>
    /// <param name="index">The relationship's attribute index.</param>
    public static RelationshipList<T> List<T>(IMapped owner, int index)
        where T : class => new(owner, index);

    /// <summary>The set behind relationship <paramref name="index"/> of <paramref name="owner"/>, made on first use of the property.</summary>
    /// <typeparam name="T">The related entity type.</typeparam>
    /// <param name="owner">The instance the relationship belongs to.</param>
    /// <param name="index">The relationship's attribute index.</param>
    public static RelationshipSet<T> Set<T>(IMapped owner, int index)
        where T : class => new(owner, index);

    /// <summary>The write-only collection of relationship <paramref name="index"/> of <paramref name="owner"/>, made on first use of the property.</summary>
    /// <typeparam name="T">The related entity type.</typeparam>
    /// <param name="owner">The instance the relationship belongs to.</param>
    /// <param name="index">The relationship's attribute index.</param>
    public static WriteOnlyCollection<T> WriteOnly<T>(IMapped owner, int index)
        where T : class, IMapped<T> => new(owner, index);

    /// <summary>What a generated setter of a list relationship does: replaces the items with those assigned, recording the adds and removes.</summary>
    /// <typeparam name="T">The related entity type.</typeparam>
    /// <param name="list">The property's list.</param>
    /// <param name="items">The value assigned.</param>
    public static void Assign<T>(RelationshipList<T> list, IEnumerable<T>? items)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(list);
        list.Assign(items);
    }

    /// <summary>What a generated setter of a set relationship does: replaces the items with those assigned, recording the adds and removes.</summary>
    /// <typeparam name="T">The related entity type.</typeparam>
    /// <param name="set">The property's set.</param>
    /// <param name="items">The value assigned.</param>
    public static void Assign<T>(RelationshipSet<T> set, IEnumerable<T>? items)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(set);
        set.Assign(items);
    }

    /// <summary>
    /// What an entity's generated <c>ToString</c> returns: its type and primary key by property name, <c>Author(Id=3)</c>,
    /// or <c>Author(pending)</c> / <c>Author(transient)</c> before it has a key. Loads nothing and never creates the state.
    /// </summary>
    /// <param name="mapper">The entity's mapping.</param>
    /// <param name="entity">The instance.</param>
    /// <param name="state">Its state, or null when nothing made it yet.</param>
    public static string Describe(EntityMapper mapper, object entity, EntityState? state)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return mapper.Describe(entity, state);
    }
}
