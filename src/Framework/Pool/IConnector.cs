using System.Data.Common;

namespace Framework;

/// <summary>How a pool opens and tests driver connections; the dialect's driver adapter implements it.</summary>
internal interface IConnector
{
    ValueTask<DbConnection> Open(bool async, CancellationToken cancellationToken);

    /// <summary>Returns false when the connection is dead.</summary>
    ValueTask<bool> Ping(DbConnection connection, bool async, CancellationToken cancellationToken);
}
