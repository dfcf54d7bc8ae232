using System.Collections.Concurrent;
using Framework.Orm;
using static Framework.Orm.Loaders;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.TestApp;

/// <summary>
/// Endpoints of the JSON guard's tests (tests/Framework.AspNetCore.Tests/JsonGuard): authors returned with and without
/// their books loaded, under each policy; a response of 10,000 items whose last one is not loaded; a back-populated pair.
/// </summary>
public static class JsonGuardEndpoints
{
    /// <summary>Statements each <c>/statements/{name}</c> request's session ran after its endpoint returned (during serialization).</summary>
    public static ConcurrentDictionary<string, int> StatementsAfterReturn { get; } = new();

    /// <summary>Maps the endpoints under <c>/jsonguard</c>.</summary>
    public static WebApplication MapJsonGuardEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/jsonguard");

        // An author with three books, a second one with one book, and a publisher with two magazines.
        group.MapPost("/seed/{name}", async (string name, AsyncSession session) =>
        {
            var author = new Author { Name = name };
            var other = new Author { Name = name + "-2" };
            var publisher = new Publisher { Name = name };
            session.AddAll([author, other, publisher]);
            await session.FlushAsync();
            session.AddAll([.. Enumerable.Range(1, 3).Select(i => new Book { AuthorId = author.Id, Title = $"{name} {i}" }), new Book { AuthorId = other.Id, Title = name + " other" }]);
            publisher.Magazines.Add(new Magazine { Title = name + " weekly" });
            publisher.Magazines.Add(new Magazine { Title = name + " monthly" });
            await session.FlushAsync();
            return new JsonGuardSeed(author.Id, other.Id, publisher.Id);
        });

        group.MapGet("/authors/{id:int}", (int id, AsyncSession session) => Authors(session, id, loadBooks: false));
        group.MapGet("/authors/{id:int}/omit", (int id, AsyncSession session) => Authors(session, id, loadBooks: false)).JsonGuard(JsonGuardPolicy.Omit);
        group.MapGet("/authors/{id:int}/loaded", (int id, AsyncSession session) => Authors(session, id, loadBooks: true));

        // 10,000 items: the first author (books loaded) 9,999 times, then the second one, whose books are not loaded.
        group.MapGet("/authors/{id:int}/many/{otherId:int}", async (int id, int otherId, AsyncSession session) =>
        {
            var loaded = (await Authors(session, id, loadBooks: true)).Single();
            var last = (await session.ScalarsAsync(Select<Author>().Where(a => a.Id == otherId))).One();
            return Enumerable.Repeat(loaded, 9_999).Append(last).ToList();
        });

        // Omit: serialization reaches unloaded books and an unloaded many-to-one; every statement after the return is counted.
        group.MapGet("/statements/{name}/{id:int}/{publisherId:int}", async (string name, int id, int publisherId, AsyncSession session) =>
        {
            var authors = await Authors(session, id, loadBooks: false);
            var magazines = (await session.ScalarsAsync(Select<Magazine>().Where(m => m.PublisherId == publisherId).OrderBy(m => m.Id))).All();
            CountStatementsAfterReturn(name, session);
            return new { authors, magazines };
        }).JsonGuard(JsonGuardPolicy.Omit);

        // The pair from each side.
        group.MapGet("/publishers/{id:int}", async (int id, AsyncSession session) =>
            (await session.ScalarsAsync(Select<Publisher>().Where(p => p.Id == id).Options(SelectInLoad<Publisher>(p => p.Magazines)))).One());
        group.MapGet("/publishers/{id:int}/magazines", async (int id, AsyncSession session) =>
            (await session.ScalarsAsync(Select<Magazine>().Where(m => m.PublisherId == id).OrderBy(m => m.Id).Options(SelectInLoad<Magazine>(m => m.Publisher)))).All());
        return app;
    }

    /// <summary>Counts, under <paramref name="name"/> in <see cref="StatementsAfterReturn"/>, the statements <paramref name="session"/> runs from now on.</summary>
    public static void CountStatementsAfterReturn(string name, AsyncSession session)
    {
        StatementsAfterReturn[name] = 0;
        session.Events.StatementExecuted += _ => StatementsAfterReturn.AddOrUpdate(name, 1, (_, n) => n + 1);
    }

    /// <summary>
    /// Author <paramref name="id"/> in a list, with its books (and their chapters, which a book's JSON holds) loaded by an
    /// option on the statement or not at all.
    /// </summary>
    public static async Task<IReadOnlyList<Author>> Authors(AsyncSession session, int id, bool loadBooks)
    {
        var select = Select<Author>().Where(a => a.Id == id);
        if (loadBooks)
            select = select.Options(SelectInLoad<Author>(a => a.Books).SelectInLoad<Book>(b => b.Chapters));
        return (await session.ScalarsAsync(select)).All();
    }
}
