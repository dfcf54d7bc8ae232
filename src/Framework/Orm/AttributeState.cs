using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>One mapped attribute of an inspected instance: whether it is loaded, expired or modified, read without loading it.</summary>
public sealed class AttributeState
{
    private readonly EntityState _state;
    private readonly int _index;

    internal AttributeState(EntityState state, int index)
    {
        _state = state;
        _index = index;
    }

    /// <summary>The property's name.</summary>
    public string Name => _state.Mapper.AttributeName(_index);

    /// <summary>The mapped column, when the attribute is one; else null.</summary>
    public MappedColumn? Column => _index < _state.Mapper.Columns.Count ? _state.Mapper.Columns[_index] : null;

    /// <summary>The relationship, when the attribute is one; else null.</summary>
    public MappedRelationship? Relationship => _state.Mapper.RelationshipAt(_index);

    /// <summary>Whether its value is loaded: reading the property then does no I/O and raises nothing.</summary>
    public bool IsLoaded => _state.IsLoaded(_index);

    /// <summary>Whether it is unloaded because a commit or an Expire call expired it (not because it is deferred or was never loaded).</summary>
    public bool IsExpired => _state.IsExpired(_index);

    /// <summary>Whether it has a change the next flush would write (a new value, another instance, or collection adds and removes).</summary>
    public bool IsModified => _state.Changed(_index);

    /// <summary>
    /// The value held now, without loading it: true and the value when it is loaded (a relationship's collection or
    /// instance), false when it is not.
    /// </summary>
    public bool TryGetLoadedValue(out object? value)
    {
        if (!IsLoaded)
        {
            value = null;
            return false;
        }
        value = Column is { } column ? column.Read(_state.Entity) : Relationship!.Read(_state.Entity);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({(IsLoaded ? IsModified ? "modified" : "loaded" : IsExpired ? "expired" : "unloaded")})";
}
