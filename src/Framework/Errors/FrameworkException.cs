namespace Framework;

/// <summary>
/// The base of every exception Framework raises for something other than misuse of its API. Each subclass has
/// a stable <see cref="Code"/> that the README's error page explains.
/// </summary>
public abstract class FrameworkException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected FrameworkException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>A stable code (<c>FWKnnnn</c>) naming this kind of failure.</summary>
    public abstract string Code { get; }

    /// <summary>Whether retrying the same operation later may succeed (a dropped connection, a deadlock, an exhausted pool).</summary>
    public virtual bool IsTransient => false;
}
