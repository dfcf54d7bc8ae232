using System.ComponentModel;

namespace Framework.Orm.Internal;

/// <summary>
/// A relationship property of <typeparamref name="TEntity"/> to <typeparamref name="TTarget"/>, as generated code declares
/// it; read it as a <see cref="MappedRelationship"/>.
/// </summary>
/// <typeparam name="TEntity">The entity type.</typeparam>
/// <typeparam name="TTarget">The related entity type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MappedRelationship<TEntity, TTarget> : MappedRelationship
    where TEntity : class, IMapped<TEntity>
    where TTarget : class, IMapped<TTarget>
{
    private readonly Func<TEntity, object?> _get;
    private readonly Action<TEntity, TTarget?>? _set;

    /// <summary>Maps a relationship property.</summary>
    /// <param name="propertyName">The property's name.</param>
    /// <param name="kind">What it holds.</param>
    /// <param name="get">Reads the backing field; for a collection, makes the collection when the field is empty.</param>
    /// <param name="set">Writes the backing field of a reference (null for a collection).</param>
    /// <param name="options">The configuration of its [Relationship] attribute.</param>
    public MappedRelationship(string propertyName, RelationshipKind kind, Func<TEntity, object?> get, Action<TEntity, TTarget?>? set,
        RelationshipOptions? options = null)
        : base(propertyName, kind, options)
    {
        _get = get ?? throw new ArgumentNullException(nameof(get));
        if (kind == RelationshipKind.Reference && set is null)
            throw new ArgumentNullException(nameof(set), "A reference relationship needs a setter of its field.");
        _set = set;
    }

    /// <inheritdoc />
    public override EntityMapper Target => TTarget.Mapper;

    internal override object? Read(object entity) => _get((TEntity)entity);

    internal override void Write(object entity, object? value) =>
        (_set ?? throw new InvalidOperationException($"{PropertyName} is a collection; change its items instead."))((TEntity)entity, (TTarget?)value);
}
