using System.Net;
using System.Net.Http.Json;

namespace Company.WebApplication1.Tests;

public sealed class BookTests(ApiFactory api) : ApiTests(api)
{
    [Fact]
    public async Task A_book_comes_with_its_author()
    {
        var author = await (await Client.PostAsJsonAsync("/authors", new { name = "Mary Shelley" })).Content.ReadFromJsonAsync<AuthorView>();
        var posted = await Client.PostAsJsonAsync("/books", new { title = "Frankenstein", authorId = author!.Id });
        var book = await posted.Content.ReadFromJsonAsync<BookView>();

        var read = await Client.GetFromJsonAsync<BookView>($"/books/{book!.Id}");
        var listed = await Client.GetFromJsonAsync<List<BookView>>("/books");

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("Mary Shelley", read?.Author?.Name);
        Assert.Equal("Mary Shelley", listed!.Single(b => b.Id == book.Id).Author?.Name);
    }

    [Fact]
    public async Task Putting_a_book_moves_it_to_another_author()
    {
        var first = await (await Client.PostAsJsonAsync("/authors", new { name = "First" })).Content.ReadFromJsonAsync<AuthorView>();
        var second = await (await Client.PostAsJsonAsync("/authors", new { name = "Second" })).Content.ReadFromJsonAsync<AuthorView>();
        var book = await (await Client.PostAsJsonAsync("/books", new { title = "Moved", authorId = first!.Id })).Content.ReadFromJsonAsync<BookView>();

        var response = await Client.PutAsJsonAsync($"/books/{book!.Id}", new { title = "Moved", authorId = second!.Id });

        response.EnsureSuccessStatusCode();
        Assert.Equal("Second", (await Client.GetFromJsonAsync<BookView>($"/books/{book.Id}"))?.Author?.Name);
        Assert.Empty((await Client.GetFromJsonAsync<AuthorView>($"/authors/{first.Id}"))!.Books);
    }

    [Fact]
    public async Task A_book_of_a_missing_author_is_refused()
    {
        var response = await Client.PostAsJsonAsync("/books", new { title = "Nobody's", authorId = 999999 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemView>();
        Assert.Contains(problem!.Errors.Keys, key => key.Equals("authorId", StringComparison.OrdinalIgnoreCase));
    }
}
