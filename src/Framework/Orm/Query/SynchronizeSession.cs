namespace Framework.Orm;

/// <summary>
/// How an ORM-enabled UPDATE or DELETE brings the instances the session holds up to date with the rows it changed
/// (SQLAlchemy's <c>synchronize_session</c>).
/// </summary>
public enum SynchronizeSession
{
    /// <summary>
    /// The default: <see cref="Fetch"/>. Both PostgreSQL and SQLite return the changed rows in the statement's own
    /// round trip, so the session learns exactly which rows matched, with the values the database computed.
    /// </summary>
    Auto,

    /// <summary>
    /// Evaluates the lambda conditions (and lambda values) in C# against the instances in the identity map, with no
    /// RETURNING. Only for statements whose conditions are all lambdas. C# and SQL differ on NULL (in C#,
    /// <c>x.Name != "a"</c> is true for a null name); an instance that lacks a loaded attribute the condition
    /// reads has the updated attributes expired instead.
    /// </summary>
    Evaluate,

    /// <summary>Reads the primary keys (and, for an UPDATE, the new values) of the changed rows with RETURNING.</summary>
    Fetch,

    /// <summary>Leaves the session's instances as they are: they may then hold stale values until expired or refreshed.</summary>
    None,
}
