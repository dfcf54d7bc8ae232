namespace Framework.Orm;

/// <summary>An instance being attached to a session.</summary>
public sealed class AttachEventArgs : SessionEventArgs
{
    internal AttachEventArgs(Session session, object instance) : base(session) => Instance = instance;

    /// <summary>The instance.</summary>
    public object Instance { get; }
}
