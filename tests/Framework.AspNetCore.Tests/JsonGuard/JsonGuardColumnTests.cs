using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore.Tests.JsonGuard;

/// <summary>
/// The JSON guard on columns: a deferred column the endpoint did not undefer, and a column it expired, are never read by
/// serialization. Raise answers a 500 problem naming the entity, the attribute and the fix, with nothing of the entity's
/// JSON sent; Omit leaves out exactly that member. Minimal APIs and a controller, on both databases.
/// </summary>
public abstract class JsonGuardColumnTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    [Theory]
    [InlineData("/jsonguard/documents/{0}/deferred", "Body", "deferred", "Undefer<Document>(d => d.Body)")]
    [InlineData("/jsonguard/mvc/documents/{0}/deferred", "Body", "deferred", "Undefer<Document>(d => d.Body)")]
    [InlineData("/jsonguard/documents/{0}/expired", "Title", "expired", "RefreshAsync(d)")]
    [InlineData("/jsonguard/mvc/documents/{0}/expired", "Title", "expired", "RefreshAsync(d)")]
    public async Task Raise_answers_a_500_problem_naming_the_column_and_its_fix_and_sends_nothing_of_the_entity(
        string path, string attribute, string why, string fix)
    {
        var client = App().CreateClient();
        var (id, name) = await Seed(client);

        var response = await client.GetAsync(string.Format(CultureInfo.InvariantCulture, path, id));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        // The whole body is one problem: no part of the document's JSON came before it.
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(500, (int)problem["status"]!);
        Assert.Equal("FWK3003", (string)problem["code"]!);
        Assert.False(problem.ContainsKey("id"));
        Assert.DoesNotContain(name, body, StringComparison.Ordinal);
        var detail = (string)problem["detail"]!;
        Assert.Contains($"Document.{attribute}", detail, StringComparison.Ordinal);
        Assert.Contains(why, detail, StringComparison.Ordinal);
        Assert.Contains(fix, detail, StringComparison.Ordinal);
        Assert.Contains(path.Split('{')[0].TrimEnd('/'), detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/jsonguard/documents/{0}/deferred/omit", "body")]
    [InlineData("/jsonguard/mvc/documents/{0}/deferred/omit", "body")]
    [InlineData("/jsonguard/documents/{0}/expired/omit", "title")]
    [InlineData("/jsonguard/mvc/documents/{0}/expired/omit", "title")]
    public async Task Omit_leaves_out_exactly_the_unloaded_column_and_keeps_the_others(string path, string missing)
    {
        var client = App().CreateClient();
        var (id, name) = await Seed(client);

        var response = await client.GetAsync(string.Format(CultureInfo.InvariantCulture, path, id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var expected = new Dictionary<string, string> { ["id"] = $"{id}", ["title"] = name, ["pages"] = $"{name.Length}", ["body"] = $"{name} body" };
        expected.Remove(missing);
        Assert.Equal(expected, document.ToDictionary(p => p.Key, p => p.Value!.ToString()));
    }

    // A value-typed column is written through System.Text.Json's own typed getter (a check per column would box each value),
    // so only an app-wide Omit, which gives every column a check, leaves an expired one out; an endpoint's Omit says so.
    [Fact]
    public async Task An_endpoints_Omit_raises_for_an_expired_value_typed_column_and_says_the_app_wide_Omit_leaves_it_out()
    {
        var client = App().CreateClient();
        var (id, name) = await Seed(client);

        var response = await client.GetAsync($"/jsonguard/documents/{id}/expired-pages/omit");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(name, body, StringComparison.Ordinal);
        var detail = (string)JsonNode.Parse(body)!["detail"]!;
        Assert.Contains("Document.Pages", detail, StringComparison.Ordinal);
        Assert.Contains("expired", detail, StringComparison.Ordinal);
        Assert.Contains("JsonGuardPolicy.Omit", detail, StringComparison.Ordinal);
        Assert.Contains("app-wide", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_wide_Omit_leaves_out_an_expired_value_typed_column()
    {
        var client = App(settings: null, configure: web => web.ConfigureServices(services =>
            services.Configure<JsonGuardOptions>(options => options.Policy = JsonGuardPolicy.Omit))).CreateClient();
        var (id, name) = await Seed(client);

        var response = await client.GetAsync($"/jsonguard/documents/{id}/expired-pages/omit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["id", "title", "body"], document.Select(p => p.Key));
        Assert.Equal(name, (string)document["title"]!);
    }

    [Theory]
    [InlineData("", HttpStatusCode.OK)]
    [InlineData("/raise", HttpStatusCode.InternalServerError)]
    public async Task Serializing_an_entity_with_a_deferred_and_an_expired_column_sends_no_statement(string suffix, HttpStatusCode status)
    {
        var client = App().CreateClient();
        var (id, seeded) = await Seed(client);
        var name = UniqueName("statements");

        var response = await client.GetAsync($"/jsonguard/documents/statements/{name}/{id}{suffix}");

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.OK)
            Assert.Equal($$"""{"id":{{id}},"pages":{{seeded.Length}}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, JsonGuardEndpoints.StatementsAfterReturn[name]);
    }

    private static async Task<(int Id, string Name)> Seed(HttpClient client)
    {
        var name = UniqueName("document");
        var response = await client.PostAsync($"/jsonguard/documents/seed/{name}", null);
        response.EnsureSuccessStatusCode();
        return (int.Parse(await response.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture), name);
    }
}

public sealed class SqliteJsonGuardColumnTests(WebAppFixture<SqliteWebDatabase> fixture) : JsonGuardColumnTests<SqliteWebDatabase>(fixture);

public sealed class PostgresJsonGuardColumnTests(WebAppFixture<PostgresWebDatabase> fixture) : JsonGuardColumnTests<PostgresWebDatabase>(fixture);
