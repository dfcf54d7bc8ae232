namespace Framework;

/// <summary>
/// An UPDATE or DELETE of a flush matched no row: the row was deleted, or its version counter changed, since it was
/// loaded (optimistic concurrency). The session must be rolled back; reload the entity and apply the change again.
/// </summary>
public sealed class StaleDataException : FrameworkException
{
    /// <summary>Creates the exception.</summary>
    public StaleDataException(string message) : base(message)
    {
    }

    /// <inheritdoc />
    public override string Code => "FWK3004";
}
