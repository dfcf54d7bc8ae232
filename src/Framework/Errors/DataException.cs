namespace Framework;

/// <summary>A value could not be processed: out of range, the wrong type, a division by zero.</summary>
public class DataException : DatabaseException
{
    /// <summary>Creates the exception.</summary>
    public DataException(string message, Exception? innerException, string? sql, IReadOnlyList<object?>? parameters,
        bool isTransient, bool connectionInvalidated)
        : base(message, innerException, sql, parameters, isTransient, connectionInvalidated)
    {
    }

    /// <inheritdoc />
    public override string Code => "FWK2004";
}
