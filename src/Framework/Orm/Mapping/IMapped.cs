using System.ComponentModel;
using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// An entity whose properties the source generator implemented over an <see cref="Internal.EntityState"/>. Implemented
/// by generated code; not meant to be implemented or called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMapped
{
    /// <summary>The instance's ORM state: what is loaded or modified, and the session it belongs to.</summary>
    EntityState EntityState { get; }
}

/// <summary>An entity type with its mapping, found without reflection (generated code implements it).</summary>
/// <typeparam name="TSelf">The entity type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMapped<TSelf> : IMapped
    where TSelf : class, IMapped<TSelf>
{
    /// <summary>The entity's mapping.</summary>
    static abstract EntityMapper<TSelf> Mapper { get; }
}
