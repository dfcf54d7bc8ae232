using System.Data;
using Microsoft.Extensions.Configuration;

namespace Framework.Tests.Engine;

public sealed class EngineConfigTests
{
    // Engines connect lazily, so none of these needs a database; a file URL that is never opened creates no file.
    private const string FileUrl = "sqlite:///engine-config-never-opened.db";

    [Fact]
    public async Task A_dictionary_with_the_default_prefix_gives_the_url_and_options()
    {
        var config = new Dictionary<string, string>
        {
            ["framework.url"] = FileUrl,
            ["framework.echo"] = "true",
            ["framework.pool_size"] = "7",
            ["framework.max_overflow"] = "3",
            ["other.pool_size"] = "99",
            ["unrelated"] = "ignored",
        };

        await using var engine = Engines.AsyncEngineFromConfig(config);

        Assert.Equal(FileUrl, engine.Url.ToString());
        Assert.True(engine.SyncEngine.Options.Echo);
        Assert.Equal(7, engine.SyncEngine.Options.PoolSize);
        Assert.Equal(3, engine.SyncEngine.Options.MaxOverflow);
        Assert.IsType<QueuePool>(engine.Pool);
        Assert.Equal(7, engine.Pool.Status.Size);
    }

    [Fact]
    public void A_dictionary_with_a_custom_prefix_reads_only_the_keys_with_that_prefix()
    {
        var config = new Dictionary<string, string>
        {
            ["db.primary.url"] = FileUrl,
            ["db.primary.pool_size"] = "4",
            ["framework.url"] = "not a url",
            ["framework.pool_size"] = "not a number",
        };

        using var engine = Engines.EngineFromConfig(config, prefix: "db.primary.");

        Assert.Equal(FileUrl, engine.Url.ToString());
        Assert.Equal(4, engine.Options.PoolSize);
        Assert.Equal(4, engine.Pool.Status.Size);
    }

    [Fact]
    public async Task The_prefix_matches_without_regard_to_case()
    {
        var config = new Dictionary<string, string> { ["Framework.URL"] = FileUrl, ["FRAMEWORK.Pool_Size"] = "2" };

        await using var engine = Engines.AsyncEngineFromConfig(config);

        Assert.Equal(2, engine.SyncEngine.Options.PoolSize);
    }

    [Fact]
    public async Task A_configuration_section_gives_the_url_and_options()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Url"] = FileUrl,
                ["Database:PoolSize"] = "6",
                ["Database:PoolTimeout"] = "2.5",
                ["Database:Echo"] = "false",
                ["Other:PoolSize"] = "1",
            })
            .Build();

        await using var engine = Engines.AsyncEngineFromConfig(configuration.GetSection("Database"));

        Assert.Equal(FileUrl, engine.Url.ToString());
        Assert.Equal(6, engine.SyncEngine.Options.PoolSize);
        Assert.Equal(TimeSpan.FromSeconds(2.5), engine.SyncEngine.Options.PoolTimeout);
        Assert.False(engine.SyncEngine.Options.Echo);
        Assert.Equal(6, engine.Pool.Status.Size);
    }

    [Fact]
    public void The_sync_engine_reads_a_configuration_section_too()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Db:url"] = "sqlite:///:memory:", ["Db:poolclass"] = "null" })
            .Build();

        using var engine = Engines.EngineFromConfig(configuration.GetSection("Db"));

        Assert.Equal(PoolClass.Null, engine.Options.PoolClass);
        Assert.IsType<NullPool>(engine.Pool);
    }

    [Fact]
    public void String_values_are_coerced_to_each_option_type()
    {
        var options = Read(new()
        {
            ["echo"] = "true",
            ["echo_pool"] = "yes",
            ["hide_parameters"] = "1",
            ["include_parameters_in_errors"] = "off",
            ["pool_size"] = " 7 ",
            ["max_overflow"] = "-1",
            ["pool_timeout"] = "2.5",
            ["pool_recycle"] = "3600",
            ["pool_pre_ping"] = "TRUE",
            ["pool_use_lifo"] = "false",
            ["isolation_level"] = "serializable",
            ["insertmanyvalues_page_size"] = "500",
            ["name"] = "reporting",
        });

        Assert.True(options.Echo);
        Assert.True(options.EchoPool);
        Assert.True(options.HideParameters);
        Assert.False(options.IncludeParametersInErrors);
        Assert.Equal(7, options.PoolSize);
        Assert.Equal(-1, options.MaxOverflow);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.PoolTimeout);
        Assert.Equal(TimeSpan.FromHours(1), options.PoolRecycle);
        Assert.True(options.PoolPrePing);
        Assert.False(options.PoolUseLifo);
        Assert.Equal(IsolationLevel.Serializable, options.IsolationLevel);
        Assert.Equal(500, options.InsertManyValuesPageSize);
        Assert.Equal("reporting", options.Name);
    }

    [Fact]
    public void A_timespan_value_is_read_as_a_timespan()
    {
        Assert.Equal(TimeSpan.FromMinutes(1.5), Read(new() { ["pool_timeout"] = "00:01:30" }).PoolTimeout);
    }

    [Fact]
    public void Pool_recycle_of_minus_one_means_never_recycle()
    {
        Assert.Null(Read(new() { ["pool_recycle"] = "-1" }).PoolRecycle);
        Assert.Null(Read(new() { ["pool_recycle"] = " -1 " }).PoolRecycle);
    }

    [Theory]
    [InlineData("read committed", IsolationLevel.ReadCommitted)]
    [InlineData("REPEATABLE_READ", IsolationLevel.RepeatableRead)]
    [InlineData("ReadUncommitted", IsolationLevel.ReadUncommitted)]
    [InlineData("Serializable", IsolationLevel.Serializable)]
    public void Isolation_levels_are_read_in_any_spelling(string value, IsolationLevel expected)
    {
        Assert.Equal(expected, Read(new() { ["isolation_level"] = value }).IsolationLevel);
    }

    [Theory]
    [InlineData("null", PoolClass.Null, typeof(NullPool))]
    [InlineData("NullPool", PoolClass.Null, typeof(NullPool))]
    [InlineData("static", PoolClass.Static, typeof(StaticPool))]
    [InlineData("StaticPool", PoolClass.Static, typeof(StaticPool))]
    [InlineData("queue", PoolClass.Queue, typeof(QueuePool))]
    [InlineData("QueuePool", PoolClass.Queue, typeof(QueuePool))]
    public void The_pool_class_is_chosen_by_name(string value, PoolClass expected, Type poolType)
    {
        using var engine = Engines.EngineFromConfig(new Dictionary<string, string> { ["framework.url"] = FileUrl, ["framework.poolclass"] = value });

        Assert.Equal(expected, engine.Options.PoolClass);
        Assert.IsType(poolType, engine.Pool);
    }

    [Fact]
    public void Without_a_pool_class_a_sqlite_memory_database_gets_a_static_pool()
    {
        using var engine = Engines.EngineFromConfig(new Dictionary<string, string> { ["framework.url"] = "sqlite:///:memory:" });

        Assert.Null(engine.Options.PoolClass);
        Assert.IsType<StaticPool>(engine.Pool);
    }

    [Theory]
    [InlineData("pool_size")]
    [InlineData("PoolSize")]
    [InlineData("POOL_SIZE")]
    [InlineData("poolsize")]
    [InlineData("pool-size")]
    [InlineData("Pool_Size")]
    public void Keys_match_option_names_without_regard_to_case_or_underscores(string key)
    {
        Assert.Equal(9, Read(new() { [key] = "9" }).PoolSize);
    }

    [Fact]
    public void Options_left_out_keep_their_defaults()
    {
        Assert.Equal(new EngineOptions(), Read([]));
    }

    [Fact]
    public void A_missing_url_is_an_error_that_shows_the_expected_form()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Engines.AsyncEngineFromConfig(new Dictionary<string, string> { ["framework.pool_size"] = "5" }));

        Assert.Contains("has no 'url'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'framework.'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:///app.db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_url_in_a_configuration_section_names_the_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:PoolSize"] = "5" })
            .Build();

        var error = Assert.Throws<ArgumentException>(() => Engines.AsyncEngineFromConfig(configuration.GetSection("Database")));

        Assert.Contains("'Database'", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no 'url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_an_error_that_lists_the_known_options()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Engines.AsyncEngineFromConfig(new Dictionary<string, string> { ["framework.url"] = FileUrl, ["framework.pool_sise"] = "5" }));

        Assert.Contains("Unknown engine option 'pool_sise'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Known options: url,", error.Message, StringComparison.Ordinal);
        foreach (var option in new[] { "echo", "poolclass", "poolsize", "maxoverflow", "pooltimeout", "poolrecycle", "isolationlevel" })
            Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pool_size", "seven")]
    [InlineData("pool_size", "1.5")]
    [InlineData("echo", "maybe")]
    [InlineData("pool_timeout", "30s")]
    [InlineData("pool_timeout", "NaN")]
    [InlineData("pool_recycle", "soon")]
    [InlineData("poolclass", "singleton")]
    [InlineData("isolation_level", "autocommit")]
    [InlineData("isolation_level", "42")]
    [InlineData("isolation_level", "Serializable, Snapshot")]
    [InlineData("max_overflow", "99999999999")]
    public void A_bad_value_is_an_error_that_names_the_key_and_the_value(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Engines.AsyncEngineFromConfig(new Dictionary<string, string> { ["framework.url"] = FileUrl, ["framework." + key] = value }));

        Assert.Contains($"The engine option '{key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"has the value '{value}', which is not valid", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void A_value_out_of_range_is_refused_when_the_engine_is_created()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Engines.AsyncEngineFromConfig(new Dictionary<string, string> { ["framework.url"] = FileUrl, ["framework.pool_size"] = "0" }));

        Assert.Equal("PoolSize", error.ParamName);
    }

    [Fact]
    public void A_bad_url_in_configuration_is_reported_as_a_url_error()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Engines.AsyncEngineFromConfig(new Dictionary<string, string> { ["framework.url"] = "mysql://scott:hunter2@localhost/test" }));

        Assert.Contains("Unknown database 'mysql'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    private static EngineOptions Read(Dictionary<string, string> options)
    {
        var config = new Dictionary<string, string> { ["framework.url"] = FileUrl };
        foreach (var (key, value) in options)
            config["framework." + key] = value;
        using var engine = Engines.EngineFromConfig(config);
        return engine.Options;
    }
}
