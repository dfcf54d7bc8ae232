namespace Framework;

/// <summary>
/// A statement that ran on a connection, as a session's <c>StatementExecuted</c> event reports it: its SQL, bound values,
/// time, and the cache key its compiled form is shared under (statements of one shape have equal keys, whatever their values).
/// </summary>
public sealed class StatementEventArgs : ConnectionEventArgs
{
    internal StatementEventArgs(Connection connection, string sql, IReadOnlyList<object?> parameters, TimeSpan duration, object? cacheKey, int rowCount,
        bool executeMany)
        : base(connection)
    {
        Sql = sql;
        Parameters = parameters;
        Duration = duration;
        CacheKey = cacheKey;
        RowCount = rowCount;
        ExecuteMany = executeMany;
    }

    /// <summary>The SQL sent.</summary>
    public string Sql { get; }

    /// <summary>The bound values in binding order (for executemany, the first set).</summary>
    public IReadOnlyList<object?> Parameters { get; }

    /// <summary>
    /// How long the driver took to run it: for a buffered result, until every row was read; for a streamed one, until the
    /// first row could be read.
    /// </summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// The key the compiled statement is cached under in its dialect: equal for statements of the same shape (the same SQL
    /// whatever the values), which is how repeated queries (an N+1) are recognized. Null for SQL the cache does not hold.
    /// </summary>
    public object? CacheKey { get; }

    /// <summary>The rows the statement changed (-1 when it reports none, as a SELECT does).</summary>
    public int RowCount { get; }

    /// <summary>Whether many parameter sets were sent at once.</summary>
    public bool ExecuteMany { get; }
}
