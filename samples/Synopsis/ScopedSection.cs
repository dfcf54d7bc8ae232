using Framework;
using Framework.Orm;
using static Framework.Engines;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "Scoped sessions": the scope here is an object standing for one request (an HttpContext in a web app).</summary>
internal static class ScopedSection
{
    public static async Task RunAsync(string url)
    {
        await using var engine = CreateAsyncEngine(url);
        object request = new();
        var someObject = new A { Data = "scoped" };

        var factory = new AsyncSessionMaker(engine);
        var scoped = new AsyncScopedSession(factory, scopeFunc: () => request);

        AsyncSession current = scoped.Current;   // the session of the current scope, made on first use
        scoped.Add(someObject);          // proxies to the session of the current scope
        await scoped.CommitAsync();
        await scoped.RemoveAsync();      // closes and forgets the current scope's session

        Console.WriteLine($"committed in the scope's session: {someObject.Id}; a new scope gets a new session: {!ReferenceEquals(current, scoped.Current)}");
        await scoped.RemoveAsync();
    }
}
