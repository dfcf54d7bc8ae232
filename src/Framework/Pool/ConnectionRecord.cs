using System.Data.Common;

namespace Framework;

/// <summary>One driver connection owned by a pool, with what the pool needs to know about it.</summary>
internal sealed class ConnectionRecord(DbConnection dbConnection, long createdAt)
{
    public DbConnection DbConnection { get; } = dbConnection;

    /// <summary>When it was opened (<see cref="Environment.TickCount64"/>), for recycling.</summary>
    public long CreatedAt { get; } = createdAt;

    /// <summary>The driver transaction open on it, if any; the pool rolls it back on return.</summary>
    public DbTransaction? Transaction { get; set; }

    /// <summary>The isolation level the database gives a plain BEGIN on this connection; null until a transaction asks.</summary>
    public System.Data.IsolationLevel? DefaultIsolationLevel { get; set; }
}
