using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Framework.Sql;
using Microsoft.Data.Sqlite;

namespace Framework.Dialects.Sqlite;

/// <summary>
/// The Microsoft.Data.Sqlite adapter. Its pooling is off (the engine pools); foreign keys are enforced, as on
/// every other database; a cancelled token interrupts the running statement with <c>sqlite3_interrupt</c>. Each new
/// connection gets the busy timeout and synchronous setting of <see cref="SqliteSettings"/>, and the first one puts the
/// file in WAL. Transactions that will write begin with BEGIN IMMEDIATE, after waiting their turn in the engine's queue
/// of writers.
/// </summary>
internal sealed class SqliteDriver : Driver
{
    private const int SqliteError = 1, SqliteBusy = 5, SqliteLocked = 6, SqliteInterrupt = 9, SqliteCantOpen = 14, SqliteTooBig = 18,
        SqliteConstraint = 19, SqliteMismatch = 20, SqliteRange = 25, SqliteBusySnapshot = 517;

    private readonly string _connectionString;
    private readonly Url _url;
    private readonly SqliteOpenMode _mode;
    private readonly SqliteSettings _settings;

    // One writer at a time, as SQLite allows: writers of this engine queue here, asynchronously and in order, instead of each
    // blocking a thread in SQLite's busy handler, which polls the file lock with sleeps of up to 100 ms. The busy timeout
    // still covers writers in other processes or engines. Not disposed: a connection returned after the engine is disposed
    // still releases it.
    private readonly SemaphoreSlim _writers = new(1, 1);

    // The journal mode the file reported once a connection set it; later connections need not ask again (it is persistent).
    private volatile string? _journalMode;

    public SqliteDriver(Url url)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = url.IsSqliteMemory ? ":memory:" : url.Database,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy statement itself, sleeping 150 ms between tries, for up to this many seconds
            // (default 30). PRAGMA busy_timeout makes SQLite wait inside each try, so one second (the least it takes) keeps
            // that loop from repeating the whole wait; the default_timeout option still sets it.
            DefaultTimeout = 1,
        };
        foreach (var (key, value) in url.Query)
        {
            if (SqliteSettings.Owns(key))
                continue;
            try
            {
                // SQLite URI spellings (mode=ro, default_timeout) map onto Microsoft.Data.Sqlite's keywords.
                builder[key.Replace('_', ' ')] = key.Equals("mode", StringComparison.OrdinalIgnoreCase) ? SqliteMode(value) : value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException(
                    $"The option '{key}={value}' in the database URL is not a valid Microsoft.Data.Sqlite setting: {e.Message} " +
                    "Options after '?' are passed to the driver (e.g. mode=ro, cache=shared), except busy_timeout, journal_mode, " +
                    "synchronous and transaction_mode, which Framework applies itself.", "url", e);
            }
        }
        builder.Pooling = false;
        _url = url;
        _mode = builder.Mode;
        _connectionString = builder.ConnectionString;
        _settings = SqliteSettings.Read(url, readOnly: builder.Mode == SqliteOpenMode.ReadOnly);
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

    // busy_timeout first, so that switching the journal mode waits for a lock like anything else.
    protected override async ValueTask Initialize(DbConnection connection, bool async, CancellationToken cancellationToken)
    {
        await Pragma(connection, "busy_timeout = " + _settings.BusyTimeout.ToString(CultureInfo.InvariantCulture), async, cancellationToken)
            .ConfigureAwait(false);
        if (_settings.JournalMode is { } journalMode && _journalMode is null)
            _journalMode = (await Pragma(connection, "journal_mode = " + journalMode, async, cancellationToken).ConfigureAwait(false)) as string;
        // NORMAL is durable under WAL (a power loss may undo the last commits, never corrupt the file); not so under a rollback
        // journal, where SQLite's own FULL stays unless asked otherwise.
        if ((_settings.Synchronous ?? (_journalMode == "wal" ? "normal" : null)) is { } synchronous)
            await Pragma(connection, "synchronous = " + synchronous, async, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<object?> Pragma(DbConnection connection, string pragma, bool async, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.CommandText = "PRAGMA " + pragma;
        return async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar();
    }

    // In auto mode a transaction that may run reads first waits for its first write, which then begins it IMMEDIATE.
    // REPEATABLE READ and SERIALIZABLE keep one snapshot from the first statement, so they begin there.
    public override bool CanDeferBegin(IsolationLevel isolationLevel) =>
        _settings.TransactionMode == SqliteTransactionMode.Auto && isolationLevel is IsolationLevel.Unspecified or IsolationLevel.ReadCommitted;

    // SQL text or a function call may still only read: SQLite, preparing the statement, says whether each statement in it
    // returns rows and writes nothing, and such SQL runs before BEGIN like any plain SELECT. FOR UPDATE asks for the write
    // lock, which SQLite takes at BEGIN IMMEDIATE, so it never does.
    public override bool ReadsOnly(DbConnection connection, Compiled compiled)
    {
        if (compiled.LocksRows)
            return false;
        if (compiled.DriverReadsOnly is { } known)
            return known;
        if (((SqliteConnection)connection).Handle is not { } handle)
            return false;
        var sql = compiled.Sql;
        while (!string.IsNullOrWhiteSpace(sql))
        {
            // Not kept when it fails: the statement's own run reports the error, or a busy schema lock may clear.
            if (SQLitePCL.raw.sqlite3_prepare_v2(handle, sql, out var statement, out var tail) != SQLitePCL.raw.SQLITE_OK)
            {
                statement?.Dispose();
                return false;
            }
            using (statement)
            {
                // A statement that is all comment prepares to nothing; BEGIN, COMMIT and ATTACH write nothing but return no rows.
                if (statement is { IsInvalid: false }
                    && (SQLitePCL.raw.sqlite3_stmt_readonly(statement) == 0 || SQLitePCL.raw.sqlite3_column_count(statement) == 0))
                {
                    compiled.DriverReadsOnly = false;
                    return false;
                }
            }
            sql = tail;
        }
        compiled.DriverReadsOnly = true;
        return true;
    }

    public override string BeginSql(IsolationLevel isolationLevel) => Immediate(isolationLevel) ? "BEGIN IMMEDIATE" : "BEGIN";

    // Microsoft.Data.Sqlite grants READ UNCOMMITTED (shared cache) only to a deferred BEGIN.
    private bool Immediate(IsolationLevel isolationLevel) =>
        _settings.TransactionMode != SqliteTransactionMode.Deferred && isolationLevel != IsolationLevel.ReadUncommitted;

    /// <summary>
    /// BEGIN IMMEDIATE takes the write lock before the transaction reads or writes anything, so two transactions that read
    /// then write wait for each other in turn instead of each holding what the other needs (a deadlock that only the busy
    /// timeout ends, in failure). A plain BEGIN (transaction_mode=deferred) takes it at the first write.
    /// </summary>
    public override async ValueTask<DbTransaction> BeginTransaction(ConnectionRecord record, IsolationLevel isolationLevel, bool async,
        CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)record.DbConnection;
        if (!Immediate(isolationLevel))
            return connection.BeginTransaction(isolationLevel, deferred: true);
        var acquired = async
            ? await _writers.WaitAsync(_settings.BusyTimeout, cancellationToken).ConfigureAwait(false)
            : _writers.Wait(_settings.BusyTimeout, cancellationToken);
        if (!acquired)
            throw new SqliteException("SQLite Error 5: 'database is locked'.", SqliteBusy, SqliteBusy);
        record.WriteLock = _writers;
        try
        {
            return connection.BeginTransaction(isolationLevel, deferred: false);
        }
        catch
        {
            record.ReleaseWriteLock();
            throw;
        }
    }

    public override void AddParameter(DbParameterCollection parameters, int position, string name, object? value) =>
        ((SqliteParameterCollection)parameters).Add(new SqliteParameter(SqliteDialect.ParameterName(position), SqliteValue(value)));

    // SQLite keeps JSON as TEXT, and Microsoft.Data.Sqlite writes no System.Text.Json type by itself.
    private static object SqliteValue(object? value) => value switch
    {
        JsonNode node => node.ToJsonString(),
        JsonDocument document => document.RootElement.GetRawText(),
        JsonElement element => element.GetRawText(),
        _ => DriverValue(value),
    };

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

    protected override ConnectFailure? ExplainConnectFailure(DbException exception)
    {
        if (exception is not SqliteException { SqliteErrorCode: SqliteCantOpen } || IsMemory || Database is null)
            return null;
        var path = Path.GetFullPath(Database);
        var folder = Path.GetDirectoryName(path) ?? path;
        var why = !Directory.Exists(folder)
            ? $"its folder '{folder}' does not exist. SQLite creates the file but not its folder: create the folder, or fix the path in the URL {_url} " +
                $"(sqlite:///relative/path.db is relative to the current directory, {Environment.CurrentDirectory}; sqlite:////absolute/path.db is absolute)."
            : !File.Exists(path) && _mode is SqliteOpenMode.ReadOnly or SqliteOpenMode.ReadWrite
                ? $"the file does not exist, and mode={_url.Query.GetValueOrDefault("mode")} in the URL {_url} does not create it; create it first, or drop the option."
                : $"check that this process may read and write it and its folder '{folder}' (SQLite writes a journal beside the file), and that it is a file.";
        return new(DriverMessage(exception), $"The SQLite database file '{path}' cannot be opened: {why}", ErrorCodes.NoSuchDatabase);
    }

    protected override string? Hint(DbException exception, TimeSpan? waited)
    {
        if (exception is not SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } sqlite)
            return null;
        if (sqlite.SqliteExtendedErrorCode == SqliteBusySnapshot)
        {
            return "This transaction read the database before another connection wrote to it, so under WAL it may not write now; " +
                "waiting cannot help. Roll back and run the whole transaction again; transaction_mode=auto (the default) or immediate " +
                "begins transactions with BEGIN IMMEDIATE, which takes the write lock before they read.";
        }
        var cause = sqlite.SqliteErrorCode == SqliteLocked
            ? "A table is locked by another connection sharing this one's cache (cache=shared), or by a statement still running on this connection"
            : "Another connection holds this database's write lock (SQLite lets one transaction write at a time)";
        var wait = waited is { } time ? $"waited {time.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture)} s" : "waited";
        var deferred = _settings.TransactionMode == SqliteTransactionMode.Deferred
            ? " With transaction_mode=deferred, two transactions that read then write wait for each other until one fails: use auto (the default)."
            : "";
        return $"{cause}; this statement {wait} for it (busy_timeout={_settings.BusyTimeout.ToString(CultureInfo.InvariantCulture)} ms). " +
            "Keep write transactions short (commit soon after the first write, with no slow work in between), raise busy_timeout in " +
            "the URL (e.g. ?busy_timeout=10000), and keep journal_mode=wal (the default), so that readers and the writer do not block " +
            $"each other.{deferred} Retrying the transaction may succeed (IsTransient is true).";
    }

    public override void Dispose()
    {
    }
}
