namespace Framework;

/// <summary>The statement is wrong for this database: a syntax error, a missing table or column, a wrong number of parameters.</summary>
public class ProgrammingException : DatabaseException
{
    /// <summary>Creates the exception.</summary>
    public ProgrammingException(string message, Exception? innerException, string? sql, IReadOnlyList<object?>? parameters,
        bool isTransient, bool connectionInvalidated)
        : base(message, innerException, sql, parameters, isTransient, connectionInvalidated)
    {
    }

    /// <inheritdoc />
    public override string Code => "FWK2003";
}
