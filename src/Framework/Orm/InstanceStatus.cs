namespace Framework.Orm;

/// <summary>Where an instance stands with respect to a session (SQLAlchemy's object states).</summary>
public enum InstanceStatus
{
    /// <summary>In no session and never saved: no row, no identity key.</summary>
    Transient,

    /// <summary>Added to a session, not flushed yet: no row, no identity key.</summary>
    Pending,

    /// <summary>In a session with a row: it has an identity key and is in the session's identity map.</summary>
    Persistent,

    /// <summary>Its row was deleted by a flush of a transaction still in progress: a commit detaches it, a rollback makes it persistent again.</summary>
    Deleted,

    /// <summary>It has an identity key but belongs to no session (closed, expunged, or its deletion was committed).</summary>
    Detached,
}
