namespace Framework;

/// <summary>A failed statement.</summary>
public sealed class ErrorEventArgs : ConnectionEventArgs
{
    internal ErrorEventArgs(Connection connection, Exception exception, string? sql, bool isDisconnect) : base(connection)
    {
        Exception = exception;
        Sql = sql;
        IsDisconnect = isDisconnect;
    }

    /// <summary>The driver's exception.</summary>
    public Exception Exception { get; }

    /// <summary>The SQL that failed, if any.</summary>
    public string? Sql { get; }

    /// <summary>Whether the connection is treated as lost and invalidated; a handler may change it.</summary>
    public bool IsDisconnect { get; set; }
}
