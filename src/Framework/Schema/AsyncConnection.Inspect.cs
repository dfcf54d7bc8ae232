namespace Framework;

// The inspector is Schema's: this part, in Schema, gives the connection its InspectAsync without Engine knowing the
// inspector (the SYNOPSIS's await conn.InspectAsync() compiles as before).
public sealed partial class AsyncConnection
{
    /// <summary>
    /// An inspector reading tables, views, columns, keys and indexes through this connection (SQLAlchemy's
    /// <c>inspect(conn)</c>). Nothing is queried until its methods are called.
    /// </summary>
    public ValueTask<AsyncInspector> InspectAsync(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<AsyncInspector>(cancellationToken)
            : new(new AsyncInspector(new InspectorCore(SyncConnection)));
}
