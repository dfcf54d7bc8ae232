using Microsoft.Extensions.Logging;

namespace Framework.Diagnostics;

/// <summary>
/// Every log message Framework writes. Event ids are stable, one range per category: 1000-1099 <c>Framework.Engine</c>
/// (engine and connections), 1100-1199 <c>Framework.Pool</c>; 1200-1299 is kept for the ORM and 2000-2099 for
/// Framework.AspNetCore. Messages that <c>Echo</c> turns on take their level as a parameter (Information with echo,
/// Debug without).
/// </summary>
internal static partial class Log
{
    public const string EngineCategory = "Framework.Engine";
    public const string PoolCategory = "Framework.Pool";

    [LoggerMessage(EventId = 1000, Message = "{Sql}")]
    public static partial void Statement(ILogger logger, LogLevel level, string sql);

    [LoggerMessage(EventId = 1001, Message = "[{Origin}] {Parameters}")]
    public static partial void StatementParameters(ILogger logger, LogLevel level, string origin, string parameters);

    [LoggerMessage(EventId = 1002, Message = "{Begin} ({Kind})")]
    public static partial void Begin(ILogger logger, LogLevel level, string begin, string kind);

    [LoggerMessage(EventId = 1003, Message = "COMMIT")]
    public static partial void Commit(ILogger logger, LogLevel level);

    [LoggerMessage(EventId = 1004, Message = "ROLLBACK")]
    public static partial void Rollback(ILogger logger, LogLevel level);

    [LoggerMessage(EventId = 1005, Message = "SAVEPOINT {Name}")]
    public static partial void Savepoint(ILogger logger, LogLevel level, string name);

    [LoggerMessage(EventId = 1006, Message = "RELEASE SAVEPOINT {Name}")]
    public static partial void ReleaseSavepoint(ILogger logger, LogLevel level, string name);

    [LoggerMessage(EventId = 1007, Message = "ROLLBACK TO SAVEPOINT {Name}")]
    public static partial void RollbackSavepoint(ILogger logger, LogLevel level, string name);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Statement failed: {Sql}")]
    public static partial void StatementFailed(ILogger logger, string sql, Exception exception);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Connection invalidated after an error: {Reason}")]
    public static partial void ConnectionInvalidated(ILogger logger, string reason);

    [LoggerMessage(EventId = 1010, Message = "[executemany: {Count} parameter sets] {First} ...")]
    public static partial void ExecuteMany(ILogger logger, LogLevel level, int count, string first);

    [LoggerMessage(EventId = 1100, Message = "Pool '{Pool}': opened a new connection")]
    public static partial void PoolConnect(ILogger logger, LogLevel level, string pool);

    [LoggerMessage(EventId = 1101, Message = "Pool '{Pool}': connection checked out")]
    public static partial void PoolCheckout(ILogger logger, LogLevel level, string pool);

    [LoggerMessage(EventId = 1102, Message = "Pool '{Pool}': connection returned")]
    public static partial void PoolCheckin(ILogger logger, LogLevel level, string pool);

    [LoggerMessage(EventId = 1103, Message = "Pool '{Pool}': connection invalidated: {Reason}")]
    public static partial void PoolInvalidate(ILogger logger, LogLevel level, string pool, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Pool '{Pool}': closing a connection failed")]
    public static partial void PoolCloseFailed(ILogger logger, string pool, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Pool '{Pool}': the {Event} event handler threw; the pool finished its work regardless")]
    public static partial void PoolHandlerFailed(ILogger logger, string pool, string @event, Exception exception);
}
