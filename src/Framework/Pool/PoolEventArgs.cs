using System.Data.Common;

namespace Framework;

/// <summary>What a pool event is about.</summary>
public sealed class PoolEventArgs
{
    internal PoolEventArgs(DbConnection dbConnection, Exception? exception)
    {
        DbConnection = dbConnection;
        Exception = exception;
    }

    /// <summary>The driver's connection (an <c>NpgsqlConnection</c> or <c>SqliteConnection</c>).</summary>
    public DbConnection DbConnection { get; }

    /// <summary>For <see cref="PoolEvents.Invalidate"/>, the error that broke the connection, if any.</summary>
    public Exception? Exception { get; }
}
