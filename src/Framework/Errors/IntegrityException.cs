namespace Framework;

/// <summary>A constraint was violated: a unique key, a foreign key, NOT NULL or a CHECK.</summary>
public class IntegrityException : DatabaseException
{
    /// <summary>Creates the exception.</summary>
    public IntegrityException(string message, Exception? innerException, string? sql, IReadOnlyList<object?>? parameters,
        bool isTransient, bool connectionInvalidated)
        : base(message, innerException, sql, parameters, isTransient, connectionInvalidated)
    {
    }

    /// <inheritdoc />
    public override string Code => "FWK2001";
}
