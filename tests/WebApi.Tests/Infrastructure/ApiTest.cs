using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framework;
using Framework.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Framework.Sql.Expressions;

namespace WebApi.Tests.Infrastructure;

/// <summary>
/// A test of the API as a client sees it, on the class's host (<typeparamref name="TApi"/>) and inside a transaction of
/// its own: every row the test or its requests write is gone after it.
/// </summary>
public abstract class ApiTest<TApi>(TApi api) : IClassFixture<TApi>, IAsyncLifetime where TApi : ApiFactory
{
    protected TApi Api => api;

    protected HttpClient Client { get; private set; } = null!;

    protected TestTransaction Transaction { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = api.CreateClient();        // builds the host first: its startup makes the tables and seeds them
        Transaction = await api.BeginTestTransactionAsync();
    }

    public async Task DisposeAsync()
    {
        await Transaction.DisposeAsync();
        Client.Dispose();
    }

    /// <summary>Adds rows through a session of the test's own, committed into the test's transaction so that requests see them.</summary>
    protected async Task<T> Add<T>(T entity) where T : class
    {
        await using var session = Transaction.CreateSession();
        session.Add(entity);
        await session.CommitAsync();
        return entity;
    }

    /// <summary>Runs a count inside the test's transaction.</summary>
    protected async Task<long> Count(string sql, object? parameters = null) =>
        Convert.ToInt64(await Transaction.Connection.ScalarAsync(Text(sql), parameters), CultureInfo.InvariantCulture);

    /// <summary>An id that no row of <paramref name="table"/> has.</summary>
    protected async Task<int> MissingId(string table) => (int)await Count($"SELECT coalesce(max(id), 0) + 1000 FROM {table}");

    /// <summary>A request body written as JSON text, for bodies no C# object gives (a missing member, a null).</summary>
    protected static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Records the statements the application's engine sends from now until disposed.</summary>
    protected StatementLog LogStatements() => new(api.Services.GetRequiredService<AsyncEngine>());

    /// <summary>Asserts the status (showing the body when it differs) and reads the JSON body.</summary>
    protected static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        await AssertStatus(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    protected static async Task AssertStatus(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"Expected {(int)expected} {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Asserts a problem (RFC 9457) with this status, and returns it.</summary>
    protected static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        await AssertStatus(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem and returns the names of the fields it finds fault with.</summary>
    protected static async Task<string[]> ValidationErrors(HttpResponseMessage response)
    {
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }
}
