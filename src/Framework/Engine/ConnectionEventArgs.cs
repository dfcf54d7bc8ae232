namespace Framework;

/// <summary>An event about a connection.</summary>
public class ConnectionEventArgs
{
    internal ConnectionEventArgs(Connection connection) => Connection = connection;

    /// <summary>The connection, synchronous face.</summary>
    public Connection Connection { get; }
}
