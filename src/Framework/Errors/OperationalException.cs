namespace Framework;

/// <summary>The database could not carry out the operation for a reason outside the statement: a lost connection, a timeout, a lock, a full disk.</summary>
public class OperationalException : DatabaseException
{
    /// <summary>Creates the exception.</summary>
    public OperationalException(string message, Exception? innerException, string? sql, IReadOnlyList<object?>? parameters,
        bool isTransient, bool connectionInvalidated)
        : base(message, innerException, sql, parameters, isTransient, connectionInvalidated)
    {
    }

    /// <inheritdoc />
    public override string Code => "FWK2002";
}
