namespace Framework;

/// <summary>Which pool an engine uses.</summary>
public enum PoolClass
{
    /// <summary>A bounded pool with overflow (SQLAlchemy's QueuePool).</summary>
    Queue,

    /// <summary>No pooling: every checkout opens a connection and every checkin closes it.</summary>
    Null,

    /// <summary>Exactly one connection, lent to one holder at a time and kept for the engine's life (SQLite <c>:memory:</c>).</summary>
    Static,
}
