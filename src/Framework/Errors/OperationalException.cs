namespace Framework;

/// <summary>The database could not carry out the operation for a reason outside the statement: a lost connection, a timeout, a lock, a full disk.</summary>
public class OperationalException : DatabaseException
{
    private readonly string _code = "FWK2002";

    /// <summary>Creates the exception.</summary>
    public OperationalException(string message, Exception? innerException, string? sql, IReadOnlyList<object?>? parameters,
        bool isTransient, bool connectionInvalidated)
        : base(message, innerException, sql, parameters, isTransient, connectionInvalidated)
    {
    }

    // A connection that could not be opened for a reason the URL or the server's setup explains has a code of its own (ErrorCodes).
    internal OperationalException(string message, Exception? innerException, bool isTransient, string code)
        : base(message, innerException, sql: null, parameters: null, isTransient, connectionInvalidated: false) => _code = code;

    /// <inheritdoc />
    public override string Code => _code;
}
