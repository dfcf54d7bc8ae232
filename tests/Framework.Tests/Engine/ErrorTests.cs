using Framework.Tests.Infrastructure;
using LocalPostgresServer = Framework.Testing.LocalPostgresServer;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

public abstract class ErrorTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_unique_violation_is_an_IntegrityException_with_the_sql_and_hidden_parameters(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");
        await Execute(conn, async, insert, new { name = "secret-value" });

        var error = await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, insert, new { name = "secret-value" }));

        Assert.Equal("FWK2001", error.Code);
        Assert.IsAssignableFrom<System.Data.Common.DbException>(error.InnerException);
        Assert.Equal(insert.Compile(engine.Dialect).Sql, error.Sql);
        Assert.Null(error.Parameters);
        Assert.DoesNotContain("secret-value", error.Message);
        Assert.Contains("IncludeParametersInErrors", error.Message);
        Assert.Contains(insert.Compile(engine.Dialect).Sql, error.Message);
        Assert.False(error.IsTransient);
        Assert.False(error.ConnectionInvalidated);
        Assert.Equal(Db.IsPostgres ? "23505" : "2067", error.DriverCode);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Parameters_appear_in_errors_when_enabled(bool async)
    {
        var engine = CreateEngine(new() { IncludeParametersInErrors = true });
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");
        await Execute(conn, async, insert, new { name = "shown" });

        var error = await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, insert, new { name = "shown" }));

        Assert.Equal(["shown"], error.Parameters!);
        Assert.Contains("[parameters: (shown,)]", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_foreign_key_violation_is_an_IntegrityException(bool async)
    {
        var engine = CreateEngine();
        var parent = TableName("p");
        var child = TableName("c");
        await engine.BeginAsync(async c =>
        {
            await c.ExecuteAsync(Text($"CREATE TABLE {parent} (id INTEGER PRIMARY KEY)"));
            await c.ExecuteAsync(Text($"CREATE TABLE {child} (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES {parent}(id))"));
        });
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAsync<IntegrityException>(() =>
            Execute(conn, async, Text($"INSERT INTO {child} (id, parent_id) VALUES (1, :p)"), new { p = 99 }));

        Assert.Equal(Db.IsPostgres ? "23503" : "787", error.DriverCode);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_missing_table_is_a_ProgrammingException_that_says_what_to_check(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAsync<ProgrammingException>(() => Execute(conn, async, Text("SELECT * FROM no_such_table")));

        Assert.Equal("FWK2003", error.Code);
        Assert.Contains("no_such_table", error.Message);
        Assert.Contains("[SQL: SELECT * FROM no_such_table]", error.Message);
        Assert.Contains("MetaData.CreateAll", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_syntax_error_is_a_ProgrammingException(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        await Assert.ThrowsAsync<ProgrammingException>(() => Execute(conn, async, Text("SELEC 1")));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task HandleError_sees_the_failure_and_may_declare_the_connection_lost(bool async)
    {
        var engine = CreateEngine();
        ErrorEventArgs? seen = null;
        engine.SyncEngine.Events.HandleError += e =>
        {
            seen = e;
            e.IsDisconnect = true;
        };
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAsync<ProgrammingException>(() => Execute(conn, async, Text("SELECT * FROM nowhere")));

        Assert.NotNull(seen);
        Assert.Equal("SELECT * FROM nowhere", seen.Sql);
        Assert.True(error.ConnectionInvalidated);
        Assert.True(error.IsTransient);
        Assert.True(conn.IsInvalidated);
        await Rollback(conn, async);
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_cancelled_statement_leaves_a_usable_connection_and_pool(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0 });
        var conn = await Connect(engine, async);
        await Execute(conn, async, Text("SELECT 1"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // The sync face takes no token; a statement cancelled through the async face is the same core either way.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(Db.Slow(30), cancellationToken: cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.False(conn.IsInvalidated);
        await Rollback(conn, async);
        Assert.Equal(5, (await Execute(conn, async, Text("SELECT 5"))).Scalar<int>());
        await Close(conn, async);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
        await using var next = await Connect(engine, async);
        Assert.Equal(6, (await Execute(next, async, Text("SELECT 6"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_cancelled_statement_in_a_connection_returned_uncommitted_leaves_the_pool_clean(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0 });
        var table = await CreateNamesTable(engine);
        var conn = await Connect(engine, async);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('half')"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(Db.Slow(30), cancellationToken: cancel.Token));

        await Close(conn, async);

        await using var next = await Connect(engine, async);
        Assert.Equal(0, (await Execute(next, async, Text($"SELECT count(*) FROM {table}"))).Scalar<int>());
    }

    [Fact]
    public async Task Cancelling_a_checkout_that_waits_for_the_pool_leaves_no_waiter_behind()
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(30) });
        await using var holder = await engine.ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await engine.ConnectAsync(cancel.Token));

        await holder.CloseAsync();
        Assert.Equal(new PoolStatus(1, 1, 0, 0, 0), engine.Pool.Status);
        await using var next = await engine.ConnectAsync();
        Assert.Equal(1, await next.ScalarAsync<int>(Text("SELECT 1")));
    }
}

public sealed class SqliteErrorTests(DatabaseFixture<SqliteDatabase> fixture) : ErrorTests<SqliteDatabase>(fixture)
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_file_whose_folder_does_not_exist_is_named_by_its_full_path_with_the_folder_to_create(bool async)
    {
        var engine = CreateEngine(url: "sqlite:///no/such/dir/app.db");
        var path = Path.GetFullPath("no/such/dir/app.db");

        var error = await Assert.ThrowsAsync<OperationalException>(() => Connect(engine, async));

        Assert.Equal("FWK2007", error.Code);
        Assert.Equal("14", error.DriverCode);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(error.InnerException);
        Assert.StartsWith("Could not connect: SQLite Error 14: 'unable to open database file'.", error.Message);
        Assert.Contains($"The SQLite database file '{path}' cannot be opened: its folder '{Path.GetDirectoryName(path)}' does not exist.", error.Message);
        Assert.Contains("create the folder", error.Message);
        Assert.Contains(Environment.CurrentDirectory, error.Message);
        Assert.EndsWith("(FWK2007)", error.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_read_only_URL_for_a_file_that_does_not_exist_says_the_mode_does_not_create_it(bool async)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fw_missing_{Guid.NewGuid():N}.db");
        var engine = CreateEngine(url: $"sqlite:///{path}?mode=ro");

        var error = await Assert.ThrowsAsync<OperationalException>(() => Connect(engine, async));

        Assert.Equal("FWK2007", error.Code);
        Assert.Equal("14", error.DriverCode);
        Assert.Contains($"The SQLite database file '{path}' cannot be opened: the file does not exist, and mode=ro", error.Message);
        Assert.False(File.Exists(path));
    }
}

public sealed class PostgresErrorTests(DatabaseFixture<PostgresDatabase> fixture) : ErrorTests<PostgresDatabase>(fixture)
{
    private Url Server => Url.Parse(DatabaseUrl);

    // The test server's URL with another user, password, database, host or port.
    private string UrlWith(string? user = null, string? password = null, string? database = null, string? host = null, int? port = null)
    {
        user ??= Server.Username;
        password ??= user == Server.Username ? Server.Password : null;
        var credentials = user is null ? "" : Uri.EscapeDataString(user) + (password is null ? "" : ":" + Uri.EscapeDataString(password)) + "@";
        return $"postgresql://{credentials}{host ?? Server.Host}:{port ?? Server.Port ?? 5432}/{Uri.EscapeDataString(database ?? Server.Database!)}";
    }

    private async Task Admin(string sql)
    {
        await using var conn = await CreateEngine().ConnectAsync();
        await conn.ExecuteAsync(Text(sql));
        await conn.CommitAsync();
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_database_that_does_not_exist_is_named_with_how_to_create_it(bool async)
    {
        var missing = $"fw_missing_{Guid.NewGuid():N}"[..24];
        var engine = CreateEngine(url: UrlWith(database: missing));

        var error = await Assert.ThrowsAsync<OperationalException>(() => Connect(engine, async));

        Assert.Equal("FWK2007", error.Code);
        Assert.Equal("3D000", error.DriverCode);
        Assert.IsType<Npgsql.PostgresException>(error.InnerException);
        Assert.StartsWith($"Could not connect: 3D000: database \"{missing}\" does not exist", error.Message);
        Assert.Contains($"The database '{missing}' that the URL names does not exist on the server at {Server.Host}.", error.Message);
        var user = Server.Username is { } name ? $" -U {name}" : "";
        Assert.Contains($"'createdb -h {Server.Host} -p {Server.Port}{user} {missing}'", error.Message);
        Assert.Contains($"CREATE DATABASE {missing} while connected to the postgres database", error.Message);
        Assert.Contains("the path after the host in the URL", error.Message);
        Assert.DoesNotContain("tables", error.Message);
        Assert.EndsWith("(FWK2007)", error.Message);
        Assert.False(error.IsTransient);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_wrong_password_is_refused_with_advice_to_check_and_escape_it_and_is_never_printed(bool async)
    {
        // The test server trusts every role but members of this group, who log in with a password (LocalPostgresServer).
        var role = $"fw_pw_{Guid.NewGuid():N}"[..20];
        const string Right = "right-pass", Wrong = "wr@ng:pass/word";
        await Admin($"DO $$ BEGIN CREATE ROLE {LocalPostgresServer.PasswordGroup} NOLOGIN; " +
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
        await Admin($"CREATE ROLE {role} LOGIN PASSWORD '{Right}' IN ROLE {LocalPostgresServer.PasswordGroup}");
        try
        {
            Exception? failure;
            await using (var wrong = Engines.CreateAsyncEngine(UrlWith(user: role, password: Wrong)))
                failure = await Record.ExceptionAsync(() => Connect(wrong, async));
            Assert.True(failure is not null,
                $"The server let role {role} in with a wrong password: its pg_hba.conf trusts the test's address. Give the members of " +
                $"{LocalPostgresServer.PasswordGroup} password authentication (a line 'host all +{LocalPostgresServer.PasswordGroup} all " +
                "scram-sha-256' before the trust lines), as the local test server does.");
            var error = Assert.IsType<OperationalException>(failure);

            Assert.Equal("FWK2006", error.Code);
            Assert.Equal("28P01", error.DriverCode);
            Assert.StartsWith($"Could not connect: 28P01: password authentication failed for user \"{role}\"", error.Message);
            Assert.Contains($"The server refused the password of user '{role}': check the user name and password in the URL " +
                $"postgresql://{role}:***@{Server.Host}:{Server.Port}/{Server.Database}.", error.Message);
            Assert.Contains("'@' as %40", error.Message);
            Assert.DoesNotContain("wr@ng", error.Message);
            Assert.DoesNotContain(Uri.EscapeDataString(Wrong), error.Message);
            Assert.EndsWith("(FWK2006)", error.Message);

            // The right password gets in: the refusal was the password's, not the role's.
            await using var right = Engines.CreateAsyncEngine(UrlWith(user: role, password: Right));
            await using var conn = await Connect(right, async);
            Assert.Equal(role, (await Execute(conn, async, Text("SELECT current_user"))).Scalar<string>());
        }
        finally
        {
            await Admin($"DROP ROLE {role}");
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_role_the_server_does_not_admit_is_refused_with_advice_about_the_user_and_pg_hba(bool async)
    {
        var role = $"fw_nobody_{Guid.NewGuid():N}"[..24];
        var engine = CreateEngine(url: UrlWith(user: role, password: "anything"));

        var error = await Assert.ThrowsAsync<OperationalException>(() => Connect(engine, async));

        // A server that trusts the address says the role does not exist (28000); one that asks for a password says it was wrong.
        Assert.Equal("FWK2006", error.Code);
        Assert.Contains(error.DriverCode, new[] { "28000", "28P01" });
        Assert.Contains($"user '{role}'", error.Message);
        Assert.Contains($"postgresql://{role}:***@", error.Message);
        Assert.DoesNotContain("anything", error.Message);
        if (error.DriverCode == "28000")
        {
            Assert.Contains($"role \"{role}\" does not exist", error.Message);
            Assert.Contains($"CREATE ROLE {role} LOGIN PASSWORD '...'", error.Message);
            Assert.Contains("pg_hba.conf", error.Message);
        }
        Assert.EndsWith("(FWK2006)", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_host_that_cannot_be_resolved_is_named_as_parsed(bool async)
    {
        var engine = CreateEngine(url: "postgresql://u:p@no-such-host.invalid/db");

        var error = await Assert.ThrowsAsync<OperationalException>(() => Connect(engine, async));

        Assert.Equal("FWK2008", error.Code);
        Assert.Null(error.DriverCode);
        Assert.StartsWith("Could not connect: the host 'no-such-host.invalid' could not be resolved (", error.Message);
        Assert.Contains("Check the host in the URL postgresql://u:***@no-such-host.invalid/db", error.Message);
        Assert.Contains("%40", error.Message);
        Assert.DoesNotContain("u:p@", error.Message);
        Assert.EndsWith("(FWK2008)", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_port_nothing_listens_on_says_to_check_the_server_and_the_port(bool async)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var engine = CreateEngine(url: UrlWith(host: "127.0.0.1", port: port));

        var error = await Assert.ThrowsAsync<OperationalException>(() => Connect(engine, async));

        Assert.Equal("FWK2008", error.Code);
        Assert.Null(error.DriverCode);
        Assert.Contains($"Nothing accepts connections at 127.0.0.1 port {port}: check that the PostgreSQL server is running", error.Message);
        Assert.EndsWith("(FWK2008)", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_hidden_constraint_detail_names_the_URL_option_that_shows_it(bool async)
    {
        var table = await CreateNamesTable(CreateEngine());
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");

        async Task<IntegrityException> Violate(AsyncEngine engine)
        {
            await using var conn = await Connect(engine, async);
            await Execute(conn, async, insert, new { name = "secret-value" });
            var error = await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, insert, new { name = "secret-value" }));
            await Rollback(conn, async);
            return error;
        }
        var hidden = await Violate(CreateEngine());
        var shown = await Violate(CreateEngine(url: DatabaseUrl + "?include_error_detail=true"));

        Assert.Equal(("FWK2001", "23505"), (hidden.Code, hidden.DriverCode));
        Assert.Contains("DETAIL: hidden, as it may show the row's values; add include_error_detail=true to the URL's query to see it", hidden.Message);
        Assert.DoesNotContain("Include Error Detail", hidden.Message);
        Assert.DoesNotContain("connection string", hidden.Message);
        Assert.DoesNotContain("secret-value", hidden.Message);
        Assert.Equal(("FWK2001", "23505"), (shown.Code, shown.DriverCode));
        Assert.Contains("DETAIL: Key (name)=(secret-value) already exists.", shown.Message);
        Assert.DoesNotContain("include_error_detail", shown.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_name_over_the_length_limit_is_quoted_shortened(bool async)
    {
        var name = new string('n', 100_000);
        var meta = new Framework.Sql.MetaData();
        _ = new Framework.Sql.Table(name, meta, new Framework.Sql.Column<int>("id", primaryKey: true));
        await using var conn = await Connect(CreateEngine(), async);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CreateAll(meta, conn, async));

        Assert.Equal($"The name '{new string('n', 40)}…' (100000 characters) is 100000 bytes long in UTF-8, over postgresql's limit of 63 bytes " +
            "for a name: the database would silently cut it short. Choose a name of at most 63 bytes.", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_terminated_backend_is_a_transient_error_that_invalidates_the_connection(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 2 });
        var invalidated = 0;
        engine.SyncEngine.Events.Invalidate += _ => invalidated++;
        // An idle connection opened before the failure: the pool replaces it too, as a server restart would have killed it.
        await using (var idle = await engine.ConnectAsync())
        await using (var other = await engine.ConnectAsync())
            await other.ScalarAsync(Text("SELECT 1"));
        var conn = await Connect(engine, async);
        var pid = (await Execute(conn, async, Text("SELECT pg_backend_pid()"))).Scalar<int>();
        await using (var killer = await CreateEngine().ConnectAsync())
        {
            await killer.ExecuteAsync(Text("SELECT pg_terminate_backend(:pid)"), new { pid });
            await killer.CommitAsync();
        }
        await Task.Delay(100);

        var error = await Assert.ThrowsAnyAsync<DatabaseException>(() => Execute(conn, async, Text("SELECT 1")));

        Assert.True(error.IsTransient);
        Assert.True(error.ConnectionInvalidated);
        Assert.IsType<OperationalException>(error);
        Assert.Contains("discarded", error.Message);
        Assert.True(conn.IsInvalidated);
        Assert.Equal(1, invalidated);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);

        // The transaction it was in is gone: the caller acknowledges with a rollback, then the connection reconnects.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Execute(conn, async, Text("SELECT 1")));
        Assert.Contains("rolled back", refused.Message);
        await Rollback(conn, async);
        Assert.NotEqual(pid, (await Execute(conn, async, Text("SELECT pg_backend_pid()"))).Scalar<int>());
        await Close(conn, async);

        await using var next = await Connect(engine, async);
        Assert.Equal(1, (await Execute(next, async, Text("SELECT 1"))).Scalar<int>());
    }
}
