using Framework.Orm;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.TestApp;

/// <summary>
/// Endpoints of the registration tests (tests/Framework.AspNetCore.Tests/Registration): which session a request gets,
/// endpoints that take a session and never send a statement, and the keyed engine "reports".
/// </summary>
public static class RegistrationEndpoints
{
    /// <summary>Maps the endpoints under <c>/registration</c>.</summary>
    public static WebApplication MapRegistrationEndpoints(this WebApplication app)
    {
        var rendezvous = new Rendezvous();
        var group = app.MapGroup("/registration");

        // With ?together=n the request waits until n of them are in flight, then looks again: concurrent requests must each
        // keep their own session across the wait.
        group.MapGet("/sessions", async (AsyncSession session, AsyncScopedSession scoped, SessionProbe probe, HttpContext context, int? together) =>
        {
            var same = IsTheRequestsSession(session, scoped, probe, context);
            if (together is { } count)
            {
                await rendezvous.Arrive(count, context.RequestAborted);
                same &= IsTheRequestsSession(session, scoped, probe, context);
            }
            await session.ScalarAsync(Text("SELECT 1"));
            return new SessionReport(SessionReport.IdOf(session), same);
        });

        group.MapGet("/untouched", (AsyncSession session) => session.InTransaction ? "in a transaction" : "untouched");

        group.MapPost("/keyed/{status:int}", async (int status, NewItem body, AsyncSession main, [FromKeyedServices("reports")] AsyncSession reports,
            [FromKeyedServices("reports")] AsyncScopedSession scopedReports) =>
            Results.Json(await KeyedReport.WriteBoth(body.Name, main, reports, scopedReports), statusCode: status));
        return app;
    }

    private static bool IsTheRequestsSession(AsyncSession session, AsyncScopedSession scoped, SessionProbe probe, HttpContext context) =>
        ReferenceEquals(session, scoped.Current)
        && ReferenceEquals(session, probe.Session)
        && ReferenceEquals(session, context.RequestServices.GetRequiredService<AsyncSession>());

    /// <summary>Holds each request until <c>count</c> have arrived, so that they are all in flight at once.</summary>
    private sealed class Rendezvous
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task Arrive(int count, CancellationToken cancellationToken)
        {
            Task all;
            lock (_lock)
            {
                all = _all.Task;
                if (++_arrived == count)
                {
                    _all.SetResult();
                    _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _arrived = 0;
                }
            }
            // A test that sends fewer requests than it announced fails with a timeout instead of hanging.
            return all.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }
}

/// <summary>What <c>/registration/sessions</c> answers: an id of the request's session, and whether every way to reach it gave that one.</summary>
public sealed record SessionReport(Guid SessionId, bool SameEverywhere)
{
    private const string IdKey = "registration.session-id";

    /// <summary>An id kept in the session's <see cref="AsyncSession.Info"/>: two sessions never share one.</summary>
    public static Guid IdOf(AsyncSession session)
    {
        if (!session.Info.TryGetValue(IdKey, out var id))
            session.Info[IdKey] = id = Guid.NewGuid();
        return (Guid)id!;
    }
}

/// <summary>What the keyed endpoints answer after writing an item through both engines' sessions.</summary>
public sealed record KeyedReport(bool SameEngine, string? MainDatabase, string? ReportsDatabase, bool ScopedIsInjected)
{
    /// <summary>Adds an item named <paramref name="name"/> through each session and flushes both; the request's end commits or rolls back.</summary>
    public static async Task<KeyedReport> WriteBoth(string name, AsyncSession main, AsyncSession reports, AsyncScopedSession scopedReports)
    {
        main.Add(new Item { Name = name });
        reports.Add(new Item { Name = name });
        await main.FlushAsync();
        await reports.FlushAsync();
        var mainEngine = main.SyncSession.Engine;
        var reportsEngine = reports.SyncSession.Engine;
        return new KeyedReport(ReferenceEquals(mainEngine, reportsEngine), mainEngine.Url.Database, reportsEngine.Url.Database,
            ReferenceEquals(scopedReports.Current, reports));
    }
}
