using System.Net;
using System.Net.Http.Json;

namespace Company.WebApplication1.Tests;

public sealed class AuthorTests(ApiFactory api) : ApiTests(api)
{
    [Fact]
    public async Task Posting_an_author_stores_it()
    {
        var response = await Client.PostAsJsonAsync("/authors", new { name = "Ursula K. Le Guin" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<AuthorView>();
        Assert.NotNull(created);
        Assert.EndsWith($"/authors/{created.Id}", response.Headers.Location?.OriginalString);
        var stored = await Client.GetFromJsonAsync<AuthorView>($"/authors/{created.Id}");
        Assert.Equal("Ursula K. Le Guin", stored?.Name);
    }

    [Fact]
    public async Task An_author_comes_with_their_books()
    {
        var author = await PostAuthorAsync("Octavia E. Butler");
        await Client.PostAsJsonAsync("/books", new { title = "Kindred", authorId = author.Id });
        await Client.PostAsJsonAsync("/books", new { title = "Parable of the Sower", authorId = author.Id });

        var read = await Client.GetFromJsonAsync<AuthorView>($"/authors/{author.Id}");
        var listed = await Client.GetFromJsonAsync<List<AuthorView>>("/authors");

        Assert.Equal(["Kindred", "Parable of the Sower"], read!.Books.Select(b => b.Title));
        Assert.Equal(["Kindred", "Parable of the Sower"], listed!.Single(a => a.Id == author.Id).Books.Select(b => b.Title));
    }

    [Fact]
    public async Task Authors_are_listed_a_page_at_a_time()
    {
        var ids = new List<int>();
        foreach (var name in new[] { "A", "B", "C" })
            ids.Add((await PostAuthorAsync(name)).Id);

        var page = await Client.GetFromJsonAsync<List<AuthorView>>("/authors?offset=1&limit=2");

        Assert.Equal(ids[1..], page!.Select(a => a.Id));
    }

    [Fact]
    public async Task Putting_an_author_renames_them()
    {
        var author = await PostAuthorAsync("Ursula Le Guin");

        var response = await Client.PutAsJsonAsync($"/authors/{author.Id}", new { name = "Ursula K. Le Guin" });

        response.EnsureSuccessStatusCode();
        Assert.Equal("Ursula K. Le Guin", (await Client.GetFromJsonAsync<AuthorView>($"/authors/{author.Id}"))?.Name);
    }

    [Fact]
    public async Task Deleting_an_author_deletes_their_books()
    {
        var author = await PostAuthorAsync("Frank Herbert");
        var book = await (await Client.PostAsJsonAsync("/books", new { title = "Dune", authorId = author.Id })).Content.ReadFromJsonAsync<BookView>();

        var response = await Client.DeleteAsync($"/authors/{author.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/authors/{author.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/books/{book!.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_missing_author_is_not_found()
    {
        var response = await Client.GetAsync("/authors/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_author_without_a_name_is_refused()
    {
        var response = await Client.PostAsJsonAsync("/authors", new { name = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemView>();
        Assert.Contains(problem!.Errors.Keys, key => key.Equals("name", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_page_larger_than_the_limit_is_refused()
    {
        var response = await Client.GetAsync("/authors?limit=1000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemView>();
        Assert.Contains(problem!.Errors.Keys, key => key.Equals("limit", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<AuthorView> PostAuthorAsync(string name)
    {
        var response = await Client.PostAsJsonAsync("/authors", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AuthorView>())!;
    }
}
