using System.Data;
using System.Data.Common;
using Framework.Sql;

namespace Framework;

/// <summary>
/// The driver adapter: everything specific to one ADO.NET provider (opening connections, binding parameters,
/// classifying errors, cancelling). Engines and connections talk to the database only through it.
/// </summary>
internal abstract partial class Driver : IConnector, IDisposable
{
    public abstract Dialect Dialect { get; }

    /// <summary>The OpenTelemetry <c>db.system.name</c>.</summary>
    public abstract string System { get; }

    /// <summary>The database name for telemetry (OpenTelemetry's <c>db.namespace</c>).</summary>
    public abstract string? Database { get; }

    /// <summary>The server's host for telemetry (<c>server.address</c>); null for an embedded database.</summary>
    public virtual string? ServerAddress => null;

    /// <summary>The server's port for telemetry (<c>server.port</c>).</summary>
    public virtual int? ServerPort => null;

    /// <summary>The pool this driver's URL calls for when the options name none.</summary>
    public virtual PoolClass DefaultPoolClass => PoolClass.Queue;

    public abstract DbConnection CreateConnection();

    public async ValueTask<DbConnection> Open(bool async, CancellationToken cancellationToken)
    {
        var connection = CreateConnection();
        try
        {
            if (async)
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            else
                connection.Open();
            await Initialize(connection, async, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e)
        {
            await Disposal.Dispose(connection, async).ConfigureAwait(false);
            if (e is DbException db)
                throw Translate(db, sql: null, parameters: null, parametersHidden: false, invalidated: false, connecting: true);
            throw;
        }
    }

    /// <summary>Runs once on every new connection (SQLite turns on foreign keys here).</summary>
    protected virtual ValueTask Initialize(DbConnection connection, bool async, CancellationToken cancellationToken) => default;

    public async ValueTask<bool> Ping(DbConnection connection, bool async, CancellationToken cancellationToken)
    {
        if (connection.State != global::System.Data.ConnectionState.Open)
            return false;
        try
        {
            var command = connection.CreateCommand();
            await using var commandScope = command.ConfigureAwait(false);
            command.CommandText = "SELECT 1";
            if (async)
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            else
                command.ExecuteScalar();
            return true;
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Adds the parameter at <paramref name="position"/> named <paramref name="name"/> to a command.</summary>
    public abstract void AddParameter(DbParameterCollection parameters, int position, string name, object? value);

    /// <summary>
    /// What the driver is given for <paramref name="value"/>: DBNull for null, an enum as its member's name (how
    /// <see cref="SqlTypeKind.Enum"/> columns store it), an array of enums as an array of names; anything else as it is.
    /// </summary>
    internal static object DriverValue(object? value) => value switch
    {
        null => DBNull.Value,
        Enum member => EnumNames.NameOf(member),
        Array array when IsEnumArray(array.GetType()) => NamesOf(array),
        _ => value,
    };

    private static bool IsEnumArray(Type type) =>
        type.IsSZArray && type.GetElementType() is { } element && (Nullable.GetUnderlyingType(element) ?? element).IsEnum;

    private static string?[] NamesOf(Array members)
    {
        var names = new string?[members.Length];
        for (var i = 0; i < names.Length; i++)
            names[i] = members.GetValue(i) is Enum member ? EnumNames.NameOf(member) : null;
        return names;
    }

    /// <summary>Tells the driver that types were created in the database (PostgreSQL enums), so it can read their values.</summary>
    public virtual ValueTask TypesCreated(DbConnection connection, bool async, CancellationToken cancellationToken) => default;

    /// <summary>Whether this error means the connection is gone and must not be used again.</summary>
    public abstract bool IsDisconnect(Exception exception, DbConnection connection);

    /// <summary>Whether this error is the driver's report of a cancelled command.</summary>
    public abstract bool IsCancellation(Exception exception);

    /// <summary>Whether the database ended the transaction on its own (SQLite does when a write is interrupted).</summary>
    public virtual bool TransactionLost(DbConnection connection) => false;

    /// <summary>The database's code for a driver error (PostgreSQL's SQLSTATE, SQLite's extended result code), when it gave one.</summary>
    public string? ErrorCode(DbException exception) => Classify(exception).Code;

    /// <summary>Sorts a driver error into the Framework hierarchy.</summary>
    protected abstract (ErrorKind Kind, bool Transient, string? Code) Classify(DbException exception);

    /// <summary>The driver's message as a Framework message quotes it (Npgsql's advice about its connection string becomes advice about the URL).</summary>
    protected virtual string DriverMessage(DbException exception) => exception.Message;

    /// <summary>
    /// Why a connection could not be opened, in terms of the URL and the server's setup, when the error is one a newcomer
    /// meets (a wrong password, a missing database, a host that does not resolve); null for any other error.
    /// </summary>
    protected virtual ConnectFailure? ExplainConnectFailure(DbException exception) => null;

    // Cancelling a statement, in the order StatementCancellation calls these: Interrupt when the token is cancelled, Cancel
    // CancelDelay later if the statement still runs, then Recancel RecancelDelay later, twice as long after that, and so on.

    /// <summary>
    /// The token to hand the driver's own calls for a statement that <see cref="StatementCancellation"/> watches: the
    /// statement's, where the driver's reaction to it is what the watch wants; none where the watch does the cancelling.
    /// </summary>
    public virtual CancellationToken StatementToken(CancellationToken cancellationToken) => cancellationToken;

    /// <summary>Interrupts what runs on <paramref name="connection"/> as soon as the statement's token is cancelled. Called from any thread.</summary>
    public virtual void Interrupt(DbConnection connection)
    {
    }

    /// <summary>How long a statement whose token was cancelled may still run before <see cref="Cancel"/> stops it.</summary>
    public virtual TimeSpan CancelDelay => TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Stops <paramref name="statement"/> (a <see cref="DbCommand"/> or <see cref="DbBatch"/>), still running
    /// <see cref="CancelDelay"/> after its token was cancelled. Called from a timer thread, never after the statement has ended.
    /// </summary>
    public virtual void Cancel(DbConnection connection, object statement) => Interrupt(connection);

    /// <summary>How long a statement may still run after <see cref="Cancel"/> before it is cancelled again: the database missed the cancel.</summary>
    public virtual TimeSpan RecancelDelay => TimeSpan.FromMilliseconds(20);

    /// <summary>Cancels again a statement the database kept running after <see cref="Cancel"/>. Called from a timer thread, never after the statement has ended.</summary>
    public virtual void Recancel(DbConnection connection) => Interrupt(connection);

    /// <summary>Begins a driver transaction on <paramref name="record"/>'s connection.</summary>
    public virtual async ValueTask<DbTransaction> BeginTransaction(ConnectionRecord record, IsolationLevel isolationLevel, bool async,
        CancellationToken cancellationToken) => async
        ? await record.DbConnection.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false)
        : record.DbConnection.BeginTransaction(isolationLevel);

    /// <summary>The statement <see cref="BeginTransaction"/> sends at this isolation level, for echo and error messages.</summary>
    public virtual string BeginSql(IsolationLevel isolationLevel) => "BEGIN";

    /// <summary>
    /// Whether a transaction at <paramref name="isolationLevel"/> (the database's default already resolved) may send its BEGIN
    /// with its first statement that does more than read: true where a plain read run before BEGIN sees what it would see
    /// inside the transaction (PostgreSQL at READ COMMITTED), or where the BEGIN is what takes the lock that writes need
    /// (SQLite's BEGIN IMMEDIATE).
    /// </summary>
    public virtual bool CanDeferBegin(IsolationLevel isolationLevel) => false;

    /// <summary>
    /// Whether the database itself says that <paramref name="compiled"/>, which the compiler could not tell (SQL text, a
    /// function call), only reads and returns rows, so that it may run before a deferred BEGIN; false when it cannot tell.
    /// </summary>
    public virtual bool ReadsOnly(DbConnection connection, Compiled compiled) => false;

    /// <summary>The statement <see cref="DefaultIsolationLevel"/> runs, if it runs one (for error messages).</summary>
    public virtual string? DefaultIsolationQuery => null;

    /// <summary>The isolation level a transaction begun without one runs at on this connection; Unspecified to leave it to the driver.</summary>
    public virtual ValueTask<IsolationLevel> DefaultIsolationLevel(DbConnection connection, bool async, CancellationToken cancellationToken) =>
        new(IsolationLevel.Unspecified);

    /// <summary>What to tell the user about this error instead of the generic advice of its kind, if the driver knows better.</summary>
    /// <param name="exception">The driver's error.</param>
    /// <param name="waited">How long the failed operation ran, when known.</param>
    protected virtual string? Hint(DbException exception, TimeSpan? waited) => null;

    public DatabaseException Translate(DbException exception, string? sql, IReadOnlyList<object?>? parameters, bool parametersHidden,
        bool invalidated, bool connecting = false, TimeSpan? waited = null)
    {
        var (kind, transient, code) = Classify(exception);
        var prefix = connecting ? "Could not connect: " : "";
        if (connecting && ExplainConnectFailure(exception) is { } failure)
        {
            var explained = DatabaseException.Describe(prefix + failure.Message, failure.Hint, failure.Code, sql: null, parameters: null, parametersHidden: false);
            return new OperationalException(explained, exception, transient, failure.Code) { DriverCode = code };
        }
        transient |= invalidated;
        var (hint, fwk) = kind switch
        {
            ErrorKind.Integrity => ("A constraint rejected the change: check the values against the table's unique keys, foreign keys, NOT NULL and CHECK constraints.", "FWK2001"),
            ErrorKind.Programming => ("Check the statement, and that the tables and columns it names exist (MetaData.CreateAll creates them).", "FWK2003"),
            ErrorKind.Data => ("A value did not fit its column: check its type, range and length.", "FWK2004"),
            ErrorKind.Operational => (invalidated
                ? "The connection was lost and has been discarded; the next checkout gets a fresh one, so retrying may succeed."
                : "The database could not complete the operation; IsTransient says whether a retry may succeed.", "FWK2002"),
            _ => ("", "FWK2000"),
        };
        var message = DatabaseException.Describe(prefix + DriverMessage(exception), Hint(exception, waited) ?? hint, fwk, sql, parameters, parametersHidden);
        DatabaseException translated = kind switch
        {
            ErrorKind.Integrity => new IntegrityException(message, exception, sql, parameters, transient, invalidated),
            ErrorKind.Programming => new ProgrammingException(message, exception, sql, parameters, transient, invalidated),
            ErrorKind.Data => new DataException(message, exception, sql, parameters, transient, invalidated),
            ErrorKind.Operational => new OperationalException(message, exception, sql, parameters, transient, invalidated),
            _ => new DatabaseException(message, exception, sql, parameters, transient, invalidated),
        };
        translated.DriverCode = code;
        return translated;
    }

    public abstract void Dispose();
}

/// <summary>
/// A connection failure explained: <paramref name="Message"/> says what went wrong (naming the host, database or file),
/// <paramref name="Hint"/> what to do, <paramref name="Code"/> is one of <see cref="ErrorCodes"/>.
/// </summary>
internal sealed record ConnectFailure(string Message, string Hint, string Code);

/// <summary>The Framework exception a driver error becomes.</summary>
internal enum ErrorKind
{
    Other,
    Integrity,
    Operational,
    Programming,
    Data,
}
