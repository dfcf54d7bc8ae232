namespace Framework.Orm;

/// <summary>An entity's identity: its mapped type and primary key values. The identity map is keyed by it.</summary>
internal sealed class IdentityKey : IEquatable<IdentityKey>
{
    private readonly object?[] _values;
    private readonly int _hash;

    public IdentityKey(EntityMapper mapper, object?[] values)
    {
        Mapper = mapper;
        _values = values;
        var hash = new HashCode();
        hash.Add(mapper);
        foreach (var value in values)
            hash.Add(value);
        _hash = hash.ToHashCode();
    }

    public EntityMapper Mapper { get; }

    public IReadOnlyList<object?> Values => _values;

    public bool Equals(IdentityKey? other)
    {
        if (other is null || other._hash != _hash || !ReferenceEquals(other.Mapper, Mapper))
            return false;
        for (var i = 0; i < _values.Length; i++)
        {
            if (!Equals(_values[i], other._values[i]))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as IdentityKey);

    public override int GetHashCode() => _hash;

    public override string ToString() => $"{Mapper.EntityType.Name}({string.Join(", ", _values)})";
}
