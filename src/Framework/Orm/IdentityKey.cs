namespace Framework.Orm;

/// <summary>
/// An entity's identity: its mapped type and primary key values. The identity map is keyed by it. A key of one column is an
/// <see cref="IdentityKey{T}"/> holding its value unboxed; a composite key holds its values in an array. Make one with
/// <see cref="EntityMapper.KeyFrom"/>, <see cref="EntityMapper.KeyOf"/> or a mapped column's typed read, which convert every
/// value to its property's type, so that keys of the same row are equal however they were found.
/// </summary>
internal abstract class IdentityKey : IEquatable<IdentityKey>
{
    private protected IdentityKey(EntityMapper mapper) => Mapper = mapper;

    public EntityMapper Mapper { get; }

    /// <summary>The key's values, boxed (for SQL and messages, not for the identity map's lookups).</summary>
    public abstract IReadOnlyList<object?> Values { get; }

    public abstract bool Equals(IdentityKey? other);

    public sealed override bool Equals(object? obj) => Equals(obj as IdentityKey);

    public abstract override int GetHashCode();

    public sealed override string ToString() => $"{Mapper.EntityType.Name}({string.Join(", ", Values)})";
}

/// <summary>The key of an entity whose primary key is one column of type <typeparamref name="T"/>.</summary>
internal sealed class IdentityKey<T>(EntityMapper mapper, T value) : IdentityKey(mapper)
{
    public T Value { get; } = value;

    public override IReadOnlyList<object?> Values => [Value];

    public override bool Equals(IdentityKey? other) =>
        other is IdentityKey<T> key && ReferenceEquals(key.Mapper, Mapper) && EqualityComparer<T>.Default.Equals(key.Value, Value);

    public override int GetHashCode() => HashCode.Combine(Mapper, Value);
}

/// <summary>The key of an entity whose primary key has several columns.</summary>
internal sealed class CompositeIdentityKey : IdentityKey
{
    private readonly object?[] _values;
    private readonly int _hash;

    public CompositeIdentityKey(EntityMapper mapper, object?[] values)
        : base(mapper)
    {
        _values = values;
        var hash = new HashCode();
        hash.Add(mapper);
        foreach (var value in values)
            hash.Add(value);
        _hash = hash.ToHashCode();
    }

    public override IReadOnlyList<object?> Values => _values;

    public override bool Equals(IdentityKey? other)
    {
        if (other is not CompositeIdentityKey key || key._hash != _hash || !ReferenceEquals(key.Mapper, Mapper))
            return false;
        for (var i = 0; i < _values.Length; i++)
        {
            if (!Equals(_values[i], key._values[i]))
                return false;
        }
        return true;
    }

    public override int GetHashCode() => _hash;
}
