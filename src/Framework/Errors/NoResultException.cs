namespace Framework;

/// <summary>A result had no row where exactly one was required (<c>One()</c>, <c>ScalarOne()</c>).</summary>
public sealed class NoResultException : FrameworkException
{
    /// <summary>Creates the exception with SQLAlchemy's message.</summary>
    public NoResultException() : base("No row was found when one was required.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public NoResultException(string message) : base(message)
    {
    }

    /// <inheritdoc />
    public override string Code => "FWK3001";
}
