using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Framework.Sql;
using Npgsql;

namespace Framework.Dialects.PostgreSql;

/// <summary>The Npgsql adapter. Npgsql's own pooling is off: the engine's pool owns the connections.</summary>
internal sealed class NpgsqlDriver : Driver
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Url _url;
    private readonly bool _includeErrorDetail;
    private readonly string _cancelConnectionString;

    public NpgsqlDriver(Url url)
    {
        _url = url;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Database = url.Database,
            Username = url.Username,
            Password = url.Password,
            // An integer[] holding a NULL reads as int?[], one without as int[]; Npgsql's default refuses the first outright.
            ArrayNullabilityMode = ArrayNullabilityMode.PerInstance,
        };
        if (url.Port is { } port)
            builder.Port = port;
        foreach (var (key, value) in url.Query)
        {
            try
            {
                // libpq and SQLAlchemy write application_name; Npgsql knows it as "Application Name".
                builder[key.Replace('_', ' ')] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException(
                    $"The option '{key}={value}' in the database URL is not a valid Npgsql connection setting: {e.Message} " +
                    "Options after '?' are passed to Npgsql (e.g. sslmode=require, timeout=15, application_name=api).", "url", e);
            }
        }
        // The engine pools; two pools would hide connections from ours and break its counts and events.
        builder.Pooling = false;
        builder.Enlist = false;
        Database = builder.Database ?? Username;
        ServerAddress = builder.Host;
        ServerPort = builder.Port;
        _includeErrorDetail = builder.IncludeErrorDetail;
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        // A second cancel gives up soon: the statement it is for may end on its own meanwhile, and the next try comes anyway.
        builder.Timeout = 5;
        builder.CommandTimeout = 5;
        _cancelConnectionString = builder.ConnectionString;
    }

    public override Dialect Dialect => PostgreSqlDialect.Instance;

    public override InspectorQueries InspectorQueries => PostgreSqlInspectorQueries.Instance;

    public override string System => "postgresql";

    /// <summary>The database connected to: the URL's, else the one named after the user, as Npgsql does.</summary>
    public override string Database { get; }

    public override string? ServerAddress { get; }

    public override int? ServerPort { get; }

    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    public override void AddParameter(DbParameterCollection parameters, int position, string name, object? value) =>
        ((NpgsqlParameterCollection)parameters).Add(new NpgsqlParameter { Value = DriverValue(value) });

    // Npgsql learns the database's types once per data source and cannot read a column of a type it has not seen; reloading
    // on this connection refreshes the data source too, so connections opened from now on know the new types.
    public override async ValueTask TypesCreated(DbConnection connection, bool async, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        if (async)
            await npgsql.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
        else
            npgsql.ReloadTypes();
    }

    // Each statement at READ COMMITTED reads its own snapshot, as it would alone; the stricter levels read the transaction's one.
    public override bool CanDeferBegin(IsolationLevel isolationLevel) => isolationLevel is IsolationLevel.ReadCommitted or IsolationLevel.ReadUncommitted;

    public override string DefaultIsolationQuery => "SHOW default_transaction_isolation";

    // The default can differ per database, role or connection option, so each connection asks its session.
    public override async ValueTask<IsolationLevel> DefaultIsolationLevel(DbConnection connection, bool async, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.CommandText = DefaultIsolationQuery;
        var level = async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar();
        return level switch
        {
            "serializable" => IsolationLevel.Serializable,
            "repeatable read" => IsolationLevel.RepeatableRead,
            "read uncommitted" => IsolationLevel.ReadUncommitted,
            _ => IsolationLevel.ReadCommitted,
        };
    }

    public override bool IsDisconnect(Exception exception, DbConnection connection)
    {
        if (connection.State != ConnectionState.Open)
            return true;
        return exception switch
        {
            PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
            NpgsqlException { InnerException: IOException or SocketException or TimeoutException } => true,
            _ => false,
        };
    }

    // Npgsql would send its cancel request the moment the token is cancelled: one new connection (a forked server process) per
    // cancelled statement, and one that can reach the server before the query does, which the server then ignores. The watch
    // waits a little instead: most statements end by then (the call still ends cancelled), and the query is in by then.
    public override CancellationToken StatementToken(CancellationToken cancellationToken) => CancellationToken.None;

    public override TimeSpan CancelDelay => TimeSpan.FromMilliseconds(10);

    public override void Cancel(DbConnection connection, object statement)
    {
        if (statement is DbBatch batch)
            batch.Cancel();
        else
            ((DbCommand)statement).Cancel();
    }

    // Npgsql sends one cancel request per command; what the server missed is cancelled again from another session, by process id.
    public override TimeSpan RecancelDelay => TimeSpan.FromMilliseconds(200);

    public override void Recancel(DbConnection connection)
    {
        var pid = ((NpgsqlConnection)connection).ProcessID;
        using var other = new NpgsqlConnection(_cancelConnectionString);
        other.Open();
        using var command = new NpgsqlCommand("SELECT pg_cancel_backend($1)", other);
        command.Parameters.Add(new NpgsqlParameter { Value = pid });
        command.ExecuteScalar();
    }

    public override bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException || exception is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled };

    protected override (ErrorKind Kind, bool Transient, string? Code) Classify(DbException exception)
    {
        if (exception is not PostgresException pg)
            return (ErrorKind.Operational, exception.IsTransient, null);
        var kind = pg.SqlState[..2] switch
        {
            "23" => ErrorKind.Integrity,
            "22" => ErrorKind.Data,
            "42" or "26" or "2B" or "2D" or "3D" or "3F" or "0A" => ErrorKind.Programming,
            "08" or "53" or "54" or "55" or "57" or "58" or "40" or "25" or "XX" => ErrorKind.Operational,
            _ => ErrorKind.Other,
        };
        return (kind, pg.IsTransient, pg.SqlState);
    }

    // Npgsql replaces a server's DETAIL (which may quote the row's values) with advice about its connection string; a
    // Framework user writes a URL instead.
    protected override string DriverMessage(DbException exception) =>
        !_includeErrorDetail && exception is PostgresException { Detail: { Length: > 0 } detail }
            ? exception.Message.Replace(detail, "hidden, as it may show the row's values; add include_error_detail=true to the URL's query to see it " +
                "(postgresql://user:pass@host/db?include_error_detail=true).", StringComparison.Ordinal)
            : exception.Message;

    protected override ConnectFailure? ExplainConnectFailure(DbException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => new(DriverMessage(exception), NoSuchDatabase(), ErrorCodes.NoSuchDatabase),
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } => new(DriverMessage(exception),
            $"The server refused the password of user {Identifiers.Quoted(Username)}: check the user name and password in the URL {_url}. " +
            "Escape reserved characters in the password as %XX: '@' as %40, ':' as %3A, '/' as %2F, '%' as %25.", ErrorCodes.LoginRefused),
        PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } => new(DriverMessage(exception),
            $"The server does not let user {Identifiers.Quoted(Username)} log in to database {Identifiers.Quoted(Database)} from this client: the role " +
            $"does not exist, or no line of the server's pg_hba.conf admits this user, database and address. Check the user name in the URL {_url}; " +
            $"create the role (CREATE ROLE {Sql(Username)} LOGIN PASSWORD '...'), or add a pg_hba.conf line for it and reload the server " +
            "(SELECT pg_reload_conf()).", ErrorCodes.LoginRefused),
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } socket } => new(
            $"the host {Identifiers.Quoted(_url.Host)} could not be resolved ({socket.Message}).",
            $"Check the host in the URL {_url}: it is what follows the '@' (or '//'), up to ':port' or '/'. A password that holds '@', ':' or '/' " +
            "must escape them as %40, %3A and %2F, or the URL is split in the wrong place.", ErrorCodes.ServerUnreachable),
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => new(DriverMessage(exception).TrimEnd('.') + ".",
            $"Nothing accepts connections at {_url.Host} port {_url.Port ?? 5432}: check that the PostgreSQL server is running and listens there, " +
            $"and the host and port in the URL {_url} (5432 when it gives none).", ErrorCodes.ServerUnreachable),
        _ => null,
    };

    // What Npgsql logs in as when the URL gives no user, and connects to when it gives no database.
    private string Username => _url.Username ?? Environment.UserName;

    private string NoSuchDatabase()
    {
        var name = Database;
        var createdb = new StringBuilder("createdb");
        if (_url.Host is { } host)
            createdb.Append(" -h ").Append(Shell(host));
        if (_url.Port is { } port)
            createdb.Append(" -p ").Append(port.ToString(CultureInfo.InvariantCulture));
        if (_url.Username is { } user)
            createdb.Append(" -U ").Append(Shell(user));
        createdb.Append(' ').Append(Shell(name));
        return $"The database {Identifiers.Quoted(name)} that the URL names does not exist on the server at {_url.Host}. Create it with " +
            $"'{createdb}', or with CREATE DATABASE {Sql(name)} while connected to the postgres database; or fix the database name, the " +
            $"path after the host in the URL {_url}.";
    }

    // A name as a shell command or SQL statement in a message takes it: quoted when it must be, cut short when it is very long.
    private static string Shell(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? Identifiers.Shortened(name)
            : "'" + Identifiers.Shortened(name).Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Sql(string name) => Identifiers.Shortened(Identifiers.Quote(name));

    public override void Dispose() => _dataSource.Dispose();
}
