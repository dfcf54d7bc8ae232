using Framework;
using Framework.Orm;
using static Framework.Engines;
using static Framework.Orm.Loaders;
using static Framework.Sql.Expressions;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "ORM", "Preventing implicit I/O" and "Running synchronous code: RunSyncAsync", as written there.</summary>
internal static class OrmSection
{
    public static async Task RunAsync(string url)
    {
        await using var engine = CreateAsyncEngine(url, new() { Echo = true });

        await engine.BeginAsync(async conn =>
        {
            await conn.RunSyncAsync(Base.MetaData.DropAll);
            await conn.RunSyncAsync(Base.MetaData.CreateAll);
        });

        // expireOnCommit: false prevents attributes from being expired after commit.
        var asyncSession = new AsyncSessionMaker(engine, expireOnCommit: false);

        await using (var session = asyncSession.Create())
        {
            // session.begin(): commits when the callback completes, rolls back if it throws.
            await session.BeginAsync(() => session.AddAll([
                new A { Bs = [new B(), new B()], Data = "a1" },
                new A { Bs = [new B()], Data = "a2" },
                new A { Bs = [new B(), new B()], Data = "a3" },
            ]));

            var stmt = Select<A>().Options(SelectInLoad<A>(a => a.Bs));
            var result = await session.ExecuteAsync(stmt);
            foreach (var a in result.Scalars())
            {
                Console.WriteLine(a);
                Console.WriteLine($"created at: {a.CreateDate}");
                foreach (var b in a.Bs)
                    Console.WriteLine(b);
            }

            var a1 = (await session.ExecuteAsync(Select<A>().OrderBy(a => a.Id))).Scalars().First();
            a1.Data = "new data";
            await session.CommitAsync();

            // access attribute subsequent to commit; this is what expireOnCommit: false allows
            Console.WriteLine(a1.Data);
        }

        await PreventingImplicitIo(engine);
        await RunSync(engine);
    }

    // "Preventing implicit I/O"
    private static async Task PreventingImplicitIo(AsyncEngine engine)
    {
        await using var session = new AsyncSession(engine);
        var a = await session.GetAsync<A>(1);
        try
        {
            var bs = a!.Bs;   // throws: "A.Bs is not loaded. Eager-load it with .Options(SelectInLoad<A>(a => a.Bs)),
                              // load it with await a.AwaitableAttrs.Bs, or touch it inside session.RunSyncAsync(...)."
        }
        catch (LazyLoadException e)
        {
            Console.WriteLine($"LazyLoadException: {e.Message}");
        }
        foreach (var b in await a!.AwaitableAttrs.Bs)   // loads it: one SELECT
            Console.WriteLine(b);
    }

    static void FetchAndUpdateObjects(Session session)
    {
        // the session here is the synchronous Session; lazy loads do blocking I/O here.
        foreach (var a in session.Execute(Select<A>()).Scalars())
        {
            Console.WriteLine(a);
            foreach (var b in a.Bs)          // lazy load
                Console.WriteLine(b);
        }

        var a1 = session.Query<A>().OrderBy(a => a.Id).First();   // the legacy Query API
        a1.Data = "new data";
    }

    private static async Task RunSync(AsyncEngine engine)
    {
        await using (var session = new AsyncSession(engine))
        {
            await session.BeginAsync(() => session.AddAll([new A { Bs = [new B(), new B()], Data = "a1" }]));
            await session.RunSyncAsync(FetchAndUpdateObjects);
            await session.CommitAsync();
        }
    }
}
