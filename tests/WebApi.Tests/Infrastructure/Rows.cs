using WebApi.Data;

namespace WebApi.Tests.Infrastructure;

/// <summary>Rows to arrange a test with.</summary>
public static class Rows
{
    /// <summary>An author with books titled after them, each with its own tags.</summary>
    public static Author AuthorWithBooks(string name, int books, int tagsPerBook) => new()
    {
        Name = name,
        Books = [.. Enumerable.Range(1, books).Select(b => new Book
        {
            Title = $"{name}-{b:D2}",
            Year = 1900 + b,
            Tags = [.. Enumerable.Range(1, tagsPerBook).Select(t => new Tag { Name = $"{name}-{b:D2}-tag-{t}" })],
        })],
    };
}
