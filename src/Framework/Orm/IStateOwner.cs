using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>What an entity's state reports to: the session it belongs to.</summary>
internal interface IStateOwner
{
    /// <summary>Whether reading an unloaded attribute may load it now, blocking (inside RunSyncAsync).</summary>
    bool LoadsSynchronously { get; }

    /// <summary>Loads an unloaded attribute with blocking I/O.</summary>
    void Load(EntityState state, int index);

    /// <summary>Loads an unloaded attribute.</summary>
    ValueTask LoadAsync(EntityState state, int index);

    /// <summary>An attribute of a persistent instance was set: the instance is dirty.</summary>
    void Modified(EntityState state);

    /// <summary>Serves an unloaded many-to-one from the identity map when its target is there (no SQL); false when it is not.</summary>
    bool TryLoadFromIdentityMap(EntityState state, MappedRelationship relationship);
}
