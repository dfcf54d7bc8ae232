namespace Framework.Orm;

/// <summary>What a session event handler is given: the session, as its synchronous face.</summary>
public class SessionEventArgs : EventArgs
{
    internal SessionEventArgs(Session session) => Session = session;

    /// <summary>The session (its synchronous API: handlers run inside the operation, and may do blocking I/O).</summary>
    public Session Session { get; }
}
