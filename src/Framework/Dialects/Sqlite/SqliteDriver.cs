using System.Data;
using System.Data.Common;
using System.Globalization;
using Framework.Sql;
using Microsoft.Data.Sqlite;

namespace Framework.Dialects.Sqlite;

/// <summary>
/// The Microsoft.Data.Sqlite adapter. Its pooling is off (the engine pools); foreign keys are enforced, as on
/// every other database; a cancelled token interrupts the running statement with <c>sqlite3_interrupt</c>.
/// </summary>
internal sealed class SqliteDriver : Driver
{
    private const int SqliteError = 1, SqliteBusy = 5, SqliteLocked = 6, SqliteInterrupt = 9, SqliteTooBig = 18,
        SqliteConstraint = 19, SqliteMismatch = 20, SqliteRange = 25;

    private readonly string _connectionString;

    public SqliteDriver(Url url)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = url.IsSqliteMemory ? ":memory:" : url.Database,
            ForeignKeys = true,
        };
        foreach (var (key, value) in url.Query)
        {
            try
            {
                // SQLite URI spellings (mode=ro, default_timeout) map onto Microsoft.Data.Sqlite's keywords.
                builder[key.Replace('_', ' ')] = key.Equals("mode", StringComparison.OrdinalIgnoreCase) ? SqliteMode(value) : value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException(
                    $"The option '{key}={value}' in the database URL is not a valid Microsoft.Data.Sqlite setting: {e.Message} " +
                    "Options after '?' are passed to the driver (e.g. mode=ro, cache=shared, default_timeout=30).", "url", e);
            }
        }
        builder.Pooling = false;
        _connectionString = builder.ConnectionString;
        IsMemory = url.IsSqliteMemory;
        Database = builder.DataSource;
    }

    public bool IsMemory { get; }

    private static string SqliteMode(string value) => value.ToLowerInvariant() switch
    {
        "ro" => "ReadOnly",
        "rw" => "ReadWrite",
        "rwc" => "ReadWriteCreate",
        _ => value,
    };

    public override Dialect Dialect => SqliteDialect.Instance;

    public override InspectorQueries InspectorQueries => SqliteInspectorQueries.Instance;

    public override string System => "sqlite";

    public override string? Database { get; }

    public override PoolClass DefaultPoolClass => IsMemory ? PoolClass.Static : PoolClass.Queue;

    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    // DEFERRED, as Python's sqlite3 does: a transaction takes the write lock only when it first writes, so readers on
    // other connections are not serialized behind every autobegun transaction (BEGIN IMMEDIATE would).
    public override ValueTask<DbTransaction> BeginTransaction(DbConnection connection, IsolationLevel isolationLevel, bool async,
        CancellationToken cancellationToken) =>
        new(((SqliteConnection)connection).BeginTransaction(isolationLevel, deferred: true));

    public override void AddParameter(DbParameterCollection parameters, int position, string name, object? value) =>
        ((SqliteParameterCollection)parameters).Add(new SqliteParameter(SqliteDialect.ParameterName(position), DriverValue(value)));

    public override bool IsDisconnect(Exception exception, DbConnection connection) => connection.State != ConnectionState.Open;

    public override bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException || exception is SqliteException { SqliteErrorCode: SqliteInterrupt };

    // Interrupting is safe from any thread; it stops the statements running now at their next step. One that has not begun
    // to step is not stopped, which is why the statement's watch interrupts again while it runs.
    public override void Interrupt(DbConnection connection)
    {
        if (((SqliteConnection)connection).Handle is { } handle)
            SQLitePCL.raw.sqlite3_interrupt(handle);
    }

    public override bool TransactionLost(DbConnection connection) =>
        ((SqliteConnection)connection).Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;

    protected override (ErrorKind Kind, bool Transient, string? Code) Classify(DbException exception)
    {
        if (exception is not SqliteException sqlite)
            return (ErrorKind.Operational, false, null);
        var kind = sqlite.SqliteErrorCode switch
        {
            SqliteConstraint => ErrorKind.Integrity,
            SqliteError => ErrorKind.Programming,
            SqliteTooBig or SqliteMismatch or SqliteRange => ErrorKind.Data,
            _ => ErrorKind.Operational,
        };
        var transient = sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked;
        return (kind, transient, sqlite.SqliteExtendedErrorCode.ToString(CultureInfo.InvariantCulture));
    }

    public override void Dispose()
    {
    }
}
