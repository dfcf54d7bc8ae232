namespace Framework.Tests.Engine;

public sealed class UrlTests
{
    [Fact]
    public void A_postgresql_url_is_split_into_its_parts()
    {
        var url = Url.Parse("postgresql://scott:hunter2@db.example.com:5433/test?sslmode=require&application_name=api");

        Assert.Equal("postgresql", url.Backend);
        Assert.Null(url.Driver);
        Assert.Equal("scott", url.Username);
        Assert.Equal("hunter2", url.Password);
        Assert.Equal("db.example.com", url.Host);
        Assert.Equal(5433, url.Port);
        Assert.Equal("test", url.Database);
        Assert.Equal(new Dictionary<string, string> { ["sslmode"] = "require", ["application_name"] = "api" }, url.Query);
        Assert.False(url.IsSqliteMemory);
    }

    [Fact]
    public void Optional_parts_of_a_postgresql_url_may_be_left_out()
    {
        var url = Url.Parse("postgresql://localhost");

        Assert.Equal("localhost", url.Host);
        Assert.Null(url.Username);
        Assert.Null(url.Password);
        Assert.Null(url.Port);
        Assert.Null(url.Database);
        Assert.Empty(url.Query);
    }

    [Fact]
    public void A_user_without_a_password_has_a_null_password()
    {
        var url = Url.Parse("postgresql://scott@localhost/test");

        Assert.Equal("scott", url.Username);
        Assert.Null(url.Password);
    }

    [Fact]
    public void The_driver_after_plus_is_kept()
    {
        var url = Url.Parse("postgresql+npgsql://scott:hunter2@localhost/test");

        Assert.Equal("postgresql", url.Backend);
        Assert.Equal("npgsql", url.Driver);
    }

    [Theory]
    [InlineData("postgres://scott:hunter2@localhost/test")]
    [InlineData("POSTGRESQL://scott:hunter2@localhost/test")]
    [InlineData("pgsql://scott:hunter2@localhost/test")]
    public void Postgresql_aliases_and_upper_case_schemes_name_the_postgresql_backend(string text)
    {
        var url = Url.Parse(text);

        Assert.Equal("postgresql", url.Backend);
        Assert.Equal("localhost", url.Host);
        Assert.Equal("test", url.Database);
    }

    [Fact]
    public void Percent_escaped_user_and_password_are_unescaped()
    {
        var url = Url.Parse("postgresql://us%2Fer:p%40ss%3Aword@localhost/test");

        Assert.Equal("us/er", url.Username);
        Assert.Equal("p@ss:word", url.Password);
        Assert.Equal("localhost", url.Host);
    }

    [Fact]
    public void A_bracketed_ipv6_host_is_read_with_its_port()
    {
        var url = Url.Parse("postgresql://scott:hunter2@[::1]:5432/test");

        Assert.Equal("::1", url.Host);
        Assert.Equal(5432, url.Port);
        Assert.Equal("test", url.Database);
    }

    [Fact]
    public void A_bracketed_ipv6_host_may_have_no_port()
    {
        var url = Url.Parse("postgresql://[2001:db8::7]/test");

        Assert.Equal("2001:db8::7", url.Host);
        Assert.Null(url.Port);
    }

    [Fact]
    public void Query_options_are_unescaped_and_looked_up_without_regard_to_case()
    {
        var url = Url.Parse("postgresql://localhost/test?Application_Name=my%20app&options=-c%20search_path%3Dx");

        Assert.Equal("my app", url.Query["application_name"]);
        Assert.Equal("-c search_path=x", url.Query["OPTIONS"]);
        Assert.Equal(2, url.Query.Count);
    }

    [Fact]
    public void Sqlite_with_three_slashes_names_a_relative_file()
    {
        var url = Url.Parse("sqlite:///relative.db");

        Assert.Equal("sqlite", url.Backend);
        Assert.Equal("relative.db", url.Database);
        Assert.Null(url.Host);
        Assert.False(url.IsSqliteMemory);
    }

    [Fact]
    public void Sqlite_with_four_slashes_names_an_absolute_file()
    {
        var url = Url.Parse("sqlite:////absolute/path.db");

        Assert.Equal("/absolute/path.db", url.Database);
        Assert.False(url.IsSqliteMemory);
    }

    [Fact]
    public void Sqlite_memory_is_named_explicitly_or_by_an_empty_path()
    {
        var named = Url.Parse("sqlite:///:memory:");
        var empty = Url.Parse("sqlite://");

        Assert.Equal(":memory:", named.Database);
        Assert.True(named.IsSqliteMemory);
        Assert.Null(empty.Database);
        Assert.True(empty.IsSqliteMemory);
    }

    [Fact]
    public void Sqlite_urls_carry_query_options()
    {
        var url = Url.Parse("sqlite+microsoft:///app.db?mode=ro&cache=shared");

        Assert.Equal("microsoft", url.Driver);
        Assert.Equal("app.db", url.Database);
        Assert.Equal("ro", url.Query["mode"]);
        Assert.Equal("shared", url.Query["cache"]);
    }

    [Fact]
    public void ToString_hides_the_password()
    {
        var url = Url.Parse("postgresql://scott:hunter2@localhost:5432/test");

        Assert.Equal("postgresql://scott:***@localhost:5432/test", url.ToString());
        Assert.DoesNotContain("hunter2", url.ToString(), StringComparison.Ordinal);
        Assert.Equal(url.ToString(), url.Render());
    }

    [Theory]
    [InlineData("postgresql://scott:hunter2@localhost:5432/test")]
    [InlineData("postgresql+npgsql://scott:hunter2@localhost/test?sslmode=require&timeout=15")]
    [InlineData("postgresql://scott@localhost/test")]
    [InlineData("postgresql://localhost")]
    [InlineData("postgresql://scott:hunter2@[::1]:5432/test")]
    [InlineData("sqlite:///relative.db")]
    [InlineData("sqlite:////absolute/path.db")]
    [InlineData("sqlite:///:memory:")]
    [InlineData("sqlite://")]
    public void Render_without_hiding_the_password_gives_back_the_url(string text)
    {
        Assert.Equal(text, Url.Parse(text).Render(hidePassword: false));
    }

    [Theory]
    [InlineData("postgresql://us%2Fer:p%40ss%3Aword@localhost/my%20db?application_name=my%20app")]
    [InlineData("postgresql://scott@%2Fvar%2Frun%2Fpostgresql:5432/test")]
    public void Rendering_escapes_each_part_so_the_rendered_url_parses_to_the_same_parts(string text)
    {
        var url = Url.Parse(text);

        var again = Url.Parse(url.Render(hidePassword: false));

        Assert.Equal(url.Username, again.Username);
        Assert.Equal(url.Password, again.Password);
        Assert.Equal(url.Host, again.Host);
        Assert.Equal(url.Port, again.Port);
        Assert.Equal(url.Database, again.Database);
        Assert.Equal(url.Query, again.Query);
    }

    [Theory]
    [InlineData("localhost/test")]
    [InlineData("scott:hunter2@localhost/test")]
    [InlineData("://localhost/test")]
    public void A_url_without_a_scheme_is_rejected(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse(text));

        Assert.Contains("no scheme", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://scott:tiger@localhost:5432/test", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2@localhost/test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_database_is_rejected_with_the_supported_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse("mysql://scott:hunter2@localhost/test"));

        Assert.Contains("Unknown database 'mysql'", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite://", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql+mysqldb://scott:hunter2@localhost/test", "mysqldb", "postgresql+npgsql://")]
    [InlineData("sqlite+pysqlite:///app.db", "pysqlite", "sqlite+microsoft://")]
    public void An_unknown_driver_is_rejected_with_the_one_to_use(string text, string driver, string suggestion)
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse(text));

        Assert.Contains($"Unknown driver '{driver}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(suggestion, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://scott:hunter2@localhost:abc/test", "abc")]
    [InlineData("postgresql://scott:hunter2@localhost:70000/test", "70000")]
    [InlineData("postgresql://scott:hunter2@localhost:0/test", "0")]
    [InlineData("postgresql://scott:hunter2@localhost:-1/test", "-1")]
    [InlineData("postgresql://scott:hunter2@[::1]:abc/test", "abc")]
    public void A_port_that_is_not_a_number_from_1_to_65535_is_rejected(string text, string port)
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse(text));

        Assert.Contains($"the port '{port}' is not a number from 1 to 65535", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_without_an_equals_sign_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse("postgresql://scott:hunter2@localhost/test?sslmode"));

        Assert.Contains("the option 'sslmode' is not of the form name=value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_given_twice_is_rejected_even_in_another_case()
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse("postgresql://scott:hunter2@localhost/test?timeout=5&Timeout=10"));

        Assert.Contains("is given twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Timeout'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite://localhost/app.db")]
    [InlineData("sqlite://scott:hunter2@localhost/app.db")]
    public void A_sqlite_url_with_a_host_or_user_is_rejected(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse(text));

        Assert.Contains("a SQLite URL has no host or user", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:///relative.db", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgresql_url_without_a_host_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse("postgresql:///test"));

        Assert.Contains("it names no host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_ipv6_bracket_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse("postgresql://scott:hunter2@[::1/test"));

        Assert.Contains("is not closed with ']'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://scott:ti@ger@localhost/test", "postgresql://scott:***@localhost/test")]
    [InlineData("postgresql://scott:t@i@ger@localhost:5432/test?sslmode=require", "postgresql://scott:***@localhost:5432/test?sslmode=require")]
    [InlineData("postgresql://sc@tt@localhost/test", "postgresql://sc@tt@localhost/test")]
    public void A_password_with_an_unescaped_at_sign_is_refused_with_advice_to_escape_it_and_is_not_printed(string text, string shown)
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse(text));

        Assert.Equal($"Could not parse the database URL '{shown}': more than one '@' comes before the host, so the URL splits at the first one, " +
            "inside the password (or user name); escape each '@' in a password as %40, as in postgresql://user:p%40ss@host/db. Expected the form " +
            "dialect[+driver]://user:password@host:port/database?option=value, for example postgresql://scott:tiger@localhost:5432/test or " +
            "sqlite:///app.db. (Parameter 'url')", error.Message);
        Assert.DoesNotContain("@ger@", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:////tmp/a@b.db", "/tmp/a@b.db")]
    [InlineData("postgresql://scott:ti%40ger@localhost/mail@example", "mail@example")]
    [InlineData("postgresql://scott:tiger@localhost/test?application_name=a@b", "test")]
    public void An_at_sign_after_the_host_is_not_taken_for_a_password_s(string text, string database)
    {
        var url = Url.Parse(text);

        Assert.Equal(database, url.Database);
        Assert.NotEqual("ger@localhost", url.Host);
    }

    [Fact]
    public void A_password_with_reserved_characters_is_hidden_in_errors_too()
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse("mysql://scott:p%40ss%3Aword@localhost/test"));

        Assert.DoesNotContain("p%40ss", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", error.Message, StringComparison.Ordinal);
        Assert.Contains("scott:***@localhost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_npgsql_option_makes_engine_creation_fail_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() =>
        {
            using var engine = Engines.CreateAsyncEngine("postgresql://scott:hunter2@localhost/test?no_such_option=1").SyncEngine;
        });

        Assert.Contains("'no_such_option=1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Npgsql", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_sqlite_option_makes_engine_creation_fail_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() =>
        {
            using var engine = Engines.CreateAsyncEngine("sqlite:///:memory:?no_such_option=1").SyncEngine;
        });

        Assert.Contains("'no_such_option=1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Data.Sqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_driver_options_create_an_engine_without_connecting()
    {
        await using var postgres = Engines.CreateAsyncEngine("postgresql://scott:hunter2@localhost/test?timeout=15&sslmode=prefer");
        await using var sqlite = Engines.CreateAsyncEngine("sqlite:///:memory:?cache=shared&mode=memory");

        Assert.Equal("postgresql://scott:***@localhost/test?timeout=15&sslmode=prefer", postgres.Url.ToString());
        Assert.Equal("postgresql", postgres.Dialect.Name);
        Assert.Equal("sqlite", sqlite.Dialect.Name);
    }

    [Fact]
    public async Task The_options_the_npgsql_option_error_gives_as_examples_are_accepted()
    {
        // The error for a bad option says: "e.g. sslmode=require, timeout=15, application_name=api".
        await using var engine = Engines.CreateAsyncEngine("postgresql://scott:hunter2@localhost/test?sslmode=require&timeout=15&application_name=api");

        Assert.Equal("api", engine.Url.Query["application_name"]);
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(engine.SyncEngine.Driver.CreateConnection().ConnectionString);
        Assert.Equal("api", settings.ApplicationName);
        Assert.Equal(15, settings.Timeout);
        Assert.Equal(Npgsql.SslMode.Require, settings.SslMode);
        Assert.False(settings.Pooling);
    }

    [Fact]
    public async Task The_options_the_sqlite_option_error_gives_as_examples_are_accepted()
    {
        // The error for a bad option says: "e.g. mode=ro, cache=shared, default_timeout=30".
        await using var engine = Engines.CreateAsyncEngine("sqlite:///app.db?mode=ro&cache=shared&default_timeout=30");

        Assert.Equal("ro", engine.Url.Query["mode"]);
        var settings = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(engine.SyncEngine.Driver.CreateConnection().ConnectionString);
        Assert.Equal(Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, settings.Mode);
        Assert.Equal(Microsoft.Data.Sqlite.SqliteCacheMode.Shared, settings.Cache);
        Assert.Equal(30, settings.DefaultTimeout);
        Assert.True(settings.ForeignKeys);
    }

    [Fact]
    public void A_password_may_hold_slashes_question_marks_and_colons_unescaped()
    {
        var url = Url.Parse("postgresql://scott:hun/te?r:2@localhost:5433/test?sslmode=disable");

        Assert.Equal(("scott", "hun/te?r:2"), (url.Username, url.Password));
        Assert.Equal(("localhost", 5433, "test"), (url.Host, url.Port, url.Database));
        Assert.Equal("disable", url.Query["sslmode"]);
        Assert.DoesNotContain("hun", url.ToString());
    }

    [Fact]
    public void An_error_about_a_url_with_a_slash_in_its_password_does_not_show_the_password()
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse("postgresql://scott:hun/ter2@localhost:abc/test"));

        Assert.Contains("port 'abc'", error.Message);
        Assert.DoesNotContain("hun", error.Message);
        Assert.DoesNotContain("ter2", error.Message);
    }

    [Fact]
    public void A_sqlite_path_with_an_at_sign_is_a_path_not_a_user()
    {
        var url = Url.Parse("sqlite:////tmp/team@work/app.db");

        Assert.Null(url.Username);
        Assert.Equal("/tmp/team@work/app.db", url.Database);
    }
}
