using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using KitDatabase = Framework.Testing.TestDatabase;

namespace Framework.AspNetCore.Tests.Registration;

/// <summary>
/// A bad configuration stops the host when it starts, never at the first request, with a message that names the
/// configuration key and never the password. The engine is checked before it connects, so these hosts never reach a
/// database: each case is written once for a PostgreSQL URL and once for a SQLite one instead.
/// </summary>
public sealed class StartupValidationTests
{
    private const string Password = "S3cr3t-pw";

    /// <summary>A URL of each database that parses, for the cases where something else is wrong.</summary>
    public static TheoryData<string> WellFormedUrls => new()
    {
        $"postgresql://app:{Password}@db.example/app",
        "sqlite:///registration-never-opened.db",
    };

    [Theory]
    [InlineData("postgresql://app:S3cr3t-pw@db.example:99999/app", "the port '99999' is not a number from 1 to 65535")]
    [InlineData("postgresql://app:S3cr3t-pw@/app", "it names no host")]
    [InlineData("sqlite://app:S3cr3t-pw@db.example/app.db", "a SQLite URL has no host or user")]
    [InlineData("app.db", "it has no scheme")]
    public async Task A_malformed_url_stops_the_host_naming_its_key(string url, string problem)
    {
        var error = await StartFails(new() { ["Database:Url"] = url });

        Assert.Contains("Database:Url is not a usable database URL", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://app:S3cr3t-pw@db.example/app", "mysql")]
    [InlineData("mssql+pyodbc://app:S3cr3t-pw@db.example/app", "mssql")]
    public async Task An_unknown_dialect_stops_the_host_naming_its_key(string url, string dialect)
    {
        var error = await StartFails(new() { ["Database:Url"] = url });

        Assert.Contains("Database:Url is not a usable database URL", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Unknown database '{dialect}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://app:S3cr3t-pw@db.example/app?sslmode=bogus", "'sslmode=bogus'")]
    [InlineData("sqlite:///registration-never-opened.db?mode=bogus", "'mode=bogus'")]
    public async Task A_url_with_an_option_its_driver_refuses_stops_the_host_naming_its_key(string url, string option)
    {
        var error = await StartFails(new() { ["Database:Url"] = url });

        Assert.Contains("Database:Url is not a usable database URL", error.Message, StringComparison.Ordinal);
        Assert.Contains($"The option {option} in the database URL is not a valid", error.Message, StringComparison.Ordinal);

        // The driver reads those options only when the engine is made: a host that makes it at the first request fails at start too.
        var builder = OwnHost.CreateBuilder();
        builder.Services.AddAsyncEngine(url);
        await using var app = builder.Build();
        var atStart = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(option, atStart.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, atStart.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WellFormedUrls))]
    public async Task A_negative_pool_size_in_configuration_stops_the_host_naming_its_key(string url)
    {
        var error = await StartFails(new() { ["Database:Url"] = url, ["Database:PoolSize"] = "-1" });

        Assert.Contains("Database:PoolSize is out of range", error.Message, StringComparison.Ordinal);
        Assert.Contains("PoolSize must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("(it is -1)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WellFormedUrls))]
    public async Task An_unknown_option_key_stops_the_host_naming_it_and_its_section(string url)
    {
        var error = await StartFails(new() { ["Database:Url"] = url, ["Database:PoolSzie"] = "5" });

        Assert.Contains("Unknown engine option 'PoolSzie' in configuration section 'Database'", error.Message, StringComparison.Ordinal);
        Assert.Contains("poolsize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WellFormedUrls))]
    public async Task An_option_value_of_the_wrong_type_stops_the_host_naming_its_key(string url)
    {
        var error = await StartFails(new() { ["Database:Url"] = url, ["Database:PoolTimeout"] = "soon" });

        Assert.Contains("The engine option 'PoolTimeout' in configuration section 'Database' has the value 'soon'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_url_stops_the_host_naming_the_section()
    {
        var error = await StartFails(new() { ["Database:Url"] = "" });

        Assert.Contains("configuration section 'Database' has no 'url'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://app:S3cr3t-pw@db.example/app")]
    [InlineData("postgresql://app:S3cr3t-pw@db.example:0/app")]
    public async Task A_bad_url_for_a_keyed_engine_stops_the_host_naming_the_engine_and_its_key(string url)
    {
        await using var database = KitDatabase.CreateSqlite();

        var error = await StartFails(new() { ["Database:Url"] = database.Url, ["Reports:Url"] = url });

        Assert.Contains("The database engine 'reports': Reports:Url is not a usable database URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_code_that_both_commits_and_rolls_back_stops_the_host_naming_it()
    {
        await using var database = KitDatabase.CreateSqlite();

        var error = await StartFails(new() { ["Database:Url"] = database.Url }, services => services.Configure<UnitOfWorkOptions>(options =>
        {
            options.CommitStatusCodes.Add(409);
            options.RollbackStatusCodes.Add(409);
            options.RollbackStatusCodes.Add(202);
        }));

        Assert.Contains("the status code(s) 409 are in both CommitStatusCodes and RollbackStatusCodes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WellFormedUrls))]
    public async Task AddAsyncEngine_validates_when_the_host_starts_not_when_it_is_built(string url)
    {
        var builder = OwnHost.CreateBuilder();
        builder.Services.AddAsyncEngine(url, options => options.MaxOverflow = -5);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("EngineOptions.MaxOverflow is out of range", error.Message, StringComparison.Ordinal);
        Assert.Contains("(it is -5)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureUnitOfWork_is_validated_when_the_host_starts()
    {
        var builder = OwnHost.CreateBuilder();
        builder.Services.AddAsyncEngine("sqlite:///registration-never-opened.db").ConfigureUnitOfWork(options =>
        {
            options.CommitStatusCodes.Add(302);
            options.CommitStatusCodes.Add(404);
            options.RollbackStatusCodes.Add(404);
        });
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("the status code(s) 404 are in both CommitStatusCodes and RollbackStatusCodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_default_query_budget_stops_the_host_at_start()
    {
        var builder = OwnHost.CreateBuilder();
        builder.Services.AddAsyncEngine("sqlite:///registration-never-opened.db").ConfigureQueryBudget(options => options.DefaultBudget = -1);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("QueryBudgetOptions.DefaultBudget is -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_engine_under_one_key_is_refused_when_it_is_registered()
    {
        var services = new ServiceCollection();
        services.AddAsyncEngine("sqlite:///registration-never-opened.db");
        services.AddKeyedAsyncEngine("reports", "sqlite:///registration-never-opened.db");

        var defaultTwice = Assert.Throws<InvalidOperationException>(() => services.AddAsyncEngine("sqlite:///other.db"));
        var keyedTwice = Assert.Throws<InvalidOperationException>(() => services.AddKeyedAsyncEngine("reports", "sqlite:///other.db"));

        Assert.Contains("AddKeyedAsyncEngine(\"name\", ...)", defaultTwice.Message, StringComparison.Ordinal);
        Assert.Contains("AddKeyedAsyncEngine(\"reports\", ...) was called twice", keyedTwice.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts the test app with <paramref name="settings"/>: starting must fail with an options validation error, which is
    /// returned after checking that the password of no URL is in it.
    /// </summary>
    private static async Task<OptionsValidationException> StartFails(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        await using var app = new TestAppFactory(settings, builder =>
        {
            if (services is not null)
                builder.ConfigureServices(services);
        });
        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        return error;
    }
}
