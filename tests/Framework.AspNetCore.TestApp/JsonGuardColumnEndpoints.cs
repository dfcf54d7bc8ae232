using Framework.Orm;
using static Framework.Orm.Loaders;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.TestApp;

/// <summary>
/// Endpoints of the JSON guard's tests on columns (tests/Framework.AspNetCore.Tests/JsonGuard): a document returned with
/// its deferred <c>Body</c> not undeferred, or with its <c>Title</c> expired, under each policy.
/// </summary>
public static class JsonGuardColumnEndpoints
{
    /// <summary>Maps the endpoints under <c>/jsonguard/documents</c>.</summary>
    public static WebApplication MapJsonGuardColumnEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/jsonguard/documents");

        group.MapPost("/seed/{name}", async (string name, AsyncSession session) =>
        {
            var document = new Document { Title = name, Pages = name.Length, Body = name + " body" };
            session.Add(document);
            await session.FlushAsync();
            return document.Id;
        });

        group.MapGet("/{id:int}/deferred", (int id, AsyncSession session) => Deferred(session, id));
        group.MapGet("/{id:int}/deferred/omit", (int id, AsyncSession session) => Deferred(session, id)).JsonGuard(JsonGuardPolicy.Omit);
        group.MapGet("/{id:int}/expired", (int id, AsyncSession session) => Expired(session, id));
        group.MapGet("/{id:int}/expired/omit", (int id, AsyncSession session) => Expired(session, id)).JsonGuard(JsonGuardPolicy.Omit);
        // A value-typed column expired: an endpoint's Omit does not cover it (only an app-wide Omit does).
        group.MapGet("/{id:int}/expired-pages/omit", (int id, AsyncSession session) => Expired(session, id, nameof(Document.Pages)))
            .JsonGuard(JsonGuardPolicy.Omit);

        // Both at once (Body deferred, Title expired), with every statement after the return counted.
        group.MapGet("/statements/{name}/{id:int}", (string name, int id, AsyncSession session) => Unloaded(name, session, id))
            .JsonGuard(JsonGuardPolicy.Omit);
        group.MapGet("/statements/{name}/{id:int}/raise", (string name, int id, AsyncSession session) => Unloaded(name, session, id));
        return app;
    }

    /// <summary>Document <paramref name="id"/> as its plain SELECT loads it: without its deferred <c>Body</c>.</summary>
    public static async Task<Document> Deferred(AsyncSession session, int id) =>
        (await session.ScalarsAsync(Select<Document>().Where(d => d.Id == id))).One();

    /// <summary>Document <paramref name="id"/> loaded whole (<c>Body</c> undeferred), then <paramref name="attribute"/> (<c>Title</c>) expired.</summary>
    public static async Task<Document> Expired(AsyncSession session, int id, string attribute = nameof(Document.Title))
    {
        var document = (await session.ScalarsAsync(Select<Document>().Where(d => d.Id == id).Options(Undefer<Document>(d => d.Body)))).One();
        session.Expire(document, [attribute]);
        return document;
    }

    private static async Task<Document> Unloaded(string name, AsyncSession session, int id)
    {
        var document = await Deferred(session, id);
        session.Expire(document, [nameof(Document.Title)]);
        JsonGuardEndpoints.CountStatementsAfterReturn(name, session);
        return document;
    }
}
