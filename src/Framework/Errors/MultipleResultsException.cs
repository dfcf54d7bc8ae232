namespace Framework;

/// <summary>A result had more than one row where one (or none) was required.</summary>
public sealed class MultipleResultsException : FrameworkException
{
    /// <summary>Creates the exception.</summary>
    public MultipleResultsException(string message) : base(message)
    {
    }

    /// <inheritdoc />
    public override string Code => "FWK3002";
}
