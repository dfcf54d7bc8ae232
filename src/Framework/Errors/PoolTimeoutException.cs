namespace Framework;

/// <summary>
/// Every connection the pool may open is checked out, and none came back within <see cref="EngineOptions.PoolTimeout"/>.
/// </summary>
public sealed class PoolTimeoutException : FrameworkException
{
    /// <summary>Creates the exception.</summary>
    public PoolTimeoutException(string message) : base(message)
    {
    }

    /// <inheritdoc />
    public override string Code => "FWK1001";

    /// <inheritdoc />
    public override bool IsTransient => true;
}
