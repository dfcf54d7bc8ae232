using System.ComponentModel.DataAnnotations;
using Framework.Orm;
using Microsoft.AspNetCore.Mvc;
using static Framework.Orm.Loaders;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.TestApp;

/// <summary>An author as the eager-load endpoints answer: reading <c>Books</c> unloaded would throw.</summary>
public sealed record AuthorView(int Id, string Name, string[] Books);

/// <summary>The body posted to the typed group: ASP.NET Core's validation checks it before the endpoint runs.</summary>
public sealed record NewAuthor([Required, StringLength(50)] string Name, [Range(1, 3)] int Books);

/// <summary>What the seeding endpoint made: authors with ids first to last, two books each.</summary>
public sealed record SeededAuthors(int First, int Last);

/// <summary>Endpoints of the eager-load policies and the query budget: authors <c>{from}..{to}</c> with their books.</summary>
public static class EagerLoadEndpoints
{
    public static WebApplication MapEagerLoadEndpoints(this WebApplication app)
    {
        app.MapPost("/eager/seed/{count:int}", async (int count, AsyncSession session) =>
        {
            var authors = Enumerable.Range(0, count).Select(i => new Author { Name = $"author-{Guid.NewGuid():N}" }).ToList();
            session.AddAll(authors);
            await session.FlushAsync();
            foreach (var author in authors)
                session.AddAll([new Book { AuthorId = author.Id, Title = $"{author.Name} I" }, new Book { AuthorId = author.Id, Title = $"{author.Name} II" }]);
            await session.FlushAsync();
            return new SeededAuthors(authors[0].Id, authors[^1].Id);
        });

        // The same read without and with the policy: the second sends the select-in of the books besides.
        app.MapGet("/eager/{from:int}/{to:int}/names", async (int from, int to, AsyncSession session) =>
            (await Authors(session, from, to)).Select(a => a.Name).ToList());
        app.MapGet("/eager/{from:int}/{to:int}", async (int from, int to, AsyncSession session) => Views(await Authors(session, from, to)))
            .EagerLoad<Author>(a => a.Books);

        // The statement's own option (a joined load) wins over the endpoint's select-in: one statement in all.
        app.MapGet("/eager/{from:int}/{to:int}/explicit", async (int from, int to, AsyncSession session) =>
            Views((await session.ExecuteAsync(Select<Author>().Where(a => a.Id >= from && a.Id <= to).OrderBy(a => a.Id)
                .Options(JoinedLoad<Author>(a => a.Books)))).Unique().Scalars().All()))
            .EagerLoad<Author>(a => a.Books);

        var group = app.MapGroup("/eager/group").EagerLoad(SelectInLoad<Author>(a => a.Books));
        group.MapGet("/{from:int}/{to:int}", async (int from, int to, AsyncSession session) => Views(await Authors(session, from, to)));

        // A group's policy given as a lambda, reaching both of its endpoints: a list, and one author by id (GetAsync).
        var typed = app.MapGroup("/eager/typed-group").EagerLoad<Author>(a => a.Books);
        typed.MapGet("/{from:int}/{to:int}", async (int from, int to, AsyncSession session) => Views(await Authors(session, from, to)));
        typed.MapGet("/one/{id:int}", async (int id, AsyncSession session) => Views([await session.GetOneAsync<Author>(id)]));
        // A body on a group declared in that statement: ASP.NET Core's validation generator must still find this endpoint.
        typed.MapPost("/", async (NewAuthor body, AsyncSession session) =>
        {
            var author = new Author { Name = body.Name };
            foreach (var i in Enumerable.Range(1, body.Books))
                author.Books.Add(new Book { Title = $"{body.Name} {i}" });
            session.Add(author);
            await session.FlushAsync();
            return TypedResults.Created($"/eager/typed-group/one/{author.Id}", Views([author])[0]);
        });

        // Two levels, authors then books then chapters; the entities themselves are the response, so that the JSON guard
        // would refuse any level left unloaded.
        app.MapPost("/eager/chain/seed/{count:int}", async (int count, AsyncSession session) =>
        {
            var authors = Enumerable.Range(0, count).Select(i => new Author { Name = $"author-{Guid.NewGuid():N}" }).ToList();
            session.AddAll(authors);
            await session.FlushAsync();
            // One flush per table: the seed itself must not look like an N+1.
            var books = authors.SelectMany(a => new[] { new Book { AuthorId = a.Id, Title = $"{a.Name} I" }, new Book { AuthorId = a.Id, Title = $"{a.Name} II" } }).ToList();
            session.AddAll(books);
            await session.FlushAsync();
            session.AddAll(books.SelectMany(b => Enumerable.Range(1, ChapterCount(b.Title)).Select(i => new Chapter { BookId = b.Id, Title = $"{b.Title}.{i}" })));
            await session.FlushAsync();
            return new SeededAuthors(authors[0].Id, authors[^1].Id);
        });
        app.MapGet("/eager/chain/{from:int}/{to:int}", (int from, int to, AsyncSession session) => Authors(session, from, to))
            .EagerLoad(SelectInLoad<Author>(a => a.Books).SelectInLoad<Book>(b => b.Chapters));
        app.MapGet("/eager/chain/{from:int}/{to:int}/joined", (int from, int to, AsyncSession session) => UniqueAuthors(session, from, to))
            .EagerLoad(JoinedLoad<Author>(a => a.Books).JoinedLoad<Book>(b => b.Chapters));

        // The N+1: each author's books loaded one by one.
        app.MapGet("/eager/{from:int}/{to:int}/loop", async (int from, int to, AsyncSession session) =>
        {
            var authors = await Authors(session, from, to);
            foreach (var author in authors)
                await author.AwaitableAttrs.Books;
            return Views(authors);
        });
        app.MapGet("/eager/{from:int}/{to:int}/budget", async (int from, int to, AsyncSession session) =>
            Views(await Authors(session, from, to)))
            .EagerLoad<Author>(a => a.Books)
            .QueryBudget(1);
        return app;
    }

    public static async Task<IReadOnlyList<Author>> Authors(AsyncSession session, int from, int to) =>
        (await session.ScalarsAsync(Select<Author>().Where(a => a.Id >= from && a.Id <= to).OrderBy(a => a.Id))).All();

    /// <summary>Authors <paramref name="from"/>..<paramref name="to"/>, once each: a joined collection repeats its parent per row.</summary>
    public static async Task<IReadOnlyList<Author>> UniqueAuthors(AsyncSession session, int from, int to) =>
        (await session.ExecuteAsync(Select<Author>().Where(a => a.Id >= from && a.Id <= to).OrderBy(a => a.Id))).Unique().Scalars().All();

    /// <summary>How many chapters the chained seed gives a book: two to the first of an author's books, three to the second.</summary>
    public static int ChapterCount(string bookTitle) => bookTitle.EndsWith(" II", StringComparison.Ordinal) ? 3 : 2;

    public static List<AuthorView> Views(IEnumerable<Author> authors) =>
        [.. authors.Select(a => new AuthorView(a.Id, a.Name, [.. a.Books.Select(b => b.Title).Order(StringComparer.Ordinal)]))];
}

/// <summary>The eager-load policy as a controller states it.</summary>
[ApiController, Route("mvc/eager")]
public sealed class EagerLoadController(AsyncSession session) : ControllerBase
{
    [HttpGet("{from:int}/{to:int}"), EagerLoad(typeof(Author), nameof(Author.Books))]
    public async Task<List<AuthorView>> Get(int from, int to) => EagerLoadEndpoints.Views(await EagerLoadEndpoints.Authors(session, from, to));

    [HttpGet("chain/{from:int}/{to:int}"), EagerLoad(typeof(Author), "Books.Chapters")]
    public async Task<IReadOnlyList<Author>> Chain(int from, int to) => await EagerLoadEndpoints.Authors(session, from, to);

    [HttpGet("chain/{from:int}/{to:int}/joined"), EagerLoad(typeof(Author), "Books.Chapters", EagerLoadStrategy.Joined)]
    public async Task<IReadOnlyList<Author>> ChainJoined(int from, int to) => await EagerLoadEndpoints.UniqueAuthors(session, from, to);

    [HttpGet("{from:int}/{to:int}/without")]
    public async Task<List<string>> Without(int from, int to) => [.. (await EagerLoadEndpoints.Authors(session, from, to)).Select(a => a.Name)];

    [HttpGet("{from:int}/{to:int}/loop"), QueryBudget(3)]
    public async Task<List<AuthorView>> Loop(int from, int to)
    {
        var authors = await EagerLoadEndpoints.Authors(session, from, to);
        foreach (var author in authors)
            await author.AwaitableAttrs.Books;
        return EagerLoadEndpoints.Views(authors);
    }
}
