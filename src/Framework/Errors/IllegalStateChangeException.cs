namespace Framework;

/// <summary>
/// A session transaction was asked to change state while another change of its state was under way: a commit,
/// rollback or close of the session from an event handler that runs inside a commit (BeforeCommit, BeforeFlush,
/// AfterFlush). SQLAlchemy's <c>IllegalStateChangeError</c>. Let the operation in progress finish, and act after it
/// (in AfterCommit, or after the call returns).
/// </summary>
public sealed class IllegalStateChangeException : FrameworkException
{
    /// <summary>Creates the exception.</summary>
    public IllegalStateChangeException(string message) : base(message)
    {
    }

    /// <inheritdoc />
    public override string Code => ErrorCodes.IllegalStateChange;
}
