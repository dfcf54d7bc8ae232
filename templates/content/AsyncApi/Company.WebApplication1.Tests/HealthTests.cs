using System.Net;

namespace Company.WebApplication1.Tests;

public sealed class HealthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_reports_the_database_reachable()
    {
        var response = await api.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_routes()
    {
        var document = await api.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/authors\"", document);
        Assert.Contains("\"/books/{id}\"", document);
    }
}
