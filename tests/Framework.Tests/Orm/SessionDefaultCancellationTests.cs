using System.Diagnostics;
using Framework.Orm;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Orm;

/// <summary>
/// <see cref="AsyncSession.DefaultCancellationToken"/> and <see cref="Session.DefaultCancellationToken"/>: the token that
/// cancels what a session does for a call that passed none (a statement, a flush, a wait for a pooled connection), as
/// ASP.NET Core sets it to the request's RequestAborted; a token passed explicitly wins. Both faces, both databases.
/// </summary>
public abstract class SessionDefaultCancellationTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : OrmTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    // Longer than any test waits: a statement that ends within it was stopped.
    private const double LongQuerySeconds = 60;

    private static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan WellBeforeItsEnd = TimeSpan.FromSeconds(10);

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_statement_given_no_token_is_cancelled_by_the_default_token(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        using var cancel = new CancellationTokenSource(Soon);
        session.Core.DefaultCancellationToken = cancel.Token;

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Scalar(Db.Slow(LongQuerySeconds)));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, WellBeforeItsEnd);
        Assert.Equal(cancel.Token, error.CancellationToken);
        // The session's transaction ended with the statement; a rollback acknowledges it, and the connection goes back whole.
        await session.Rollback();
        session.Core.DefaultCancellationToken = CancellationToken.None;
        Assert.Equal(1L, Convert.ToInt64(await session.Scalar(Select(Literal(1))), System.Globalization.CultureInfo.InvariantCulture));
        await session.Close();
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_default_token_cancelled_before_the_first_statement_ends_it_without_a_checkout_or_a_statement(bool async)
    {
        var (engine, sql) = await Setup();
        var checkouts = 0;
        engine.SyncEngine.Events.Checkout += _ => checkouts++;
        await using var session = new SessionFace(engine, async);
        session.Core.DefaultCancellationToken = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Scalar(Select(Literal(1))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Get<OrmUser>(1));

        Assert.Equal(0, checkouts);
        Assert.Empty(sql);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_commit_given_no_token_is_cancelled_by_the_default_token_before_its_flush_and_commits_nothing(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        session.Add(User("ann"));
        await session.Flush();
        session.Add(User("bob"));
        session.Core.DefaultCancellationToken = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(session.Commit);

        await session.Rollback();
        await session.Close();
        Assert.Equal(0, await Count(engine, "orm_user"));
    }

    [Fact]
    public async Task A_token_passed_explicitly_wins_over_the_default_token()
    {
        var (engine, _) = await Setup();
        await using var session = new AsyncSession(engine);
        using var explicitly = new CancellationTokenSource();

        // The default is cancelled; calls that pass a token of their own go ahead: a query, a flush and a commit.
        session.DefaultCancellationToken = new CancellationToken(canceled: true);
        Assert.Equal(1L, Convert.ToInt64(await session.ScalarAsync(Select(Literal(1)), cancellationToken: explicitly.Token), System.Globalization.CultureInfo.InvariantCulture));
        session.Add(User("ann"));
        await session.CommitAsync(explicitly.Token);
        Assert.Equal(1, await Count(engine, "orm_user"));

        // The default cannot cancel (none); the token passed does, and the error names it.
        session.DefaultCancellationToken = CancellationToken.None;
        explicitly.CancelAfter(Soon);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await session.ScalarAsync(Db.Slow(LongQuerySeconds), cancellationToken: explicitly.Token));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, WellBeforeItsEnd);
        Assert.Equal(explicitly.Token, error.CancellationToken);

        // Both can cancel: the one passed is the statement's.
        await session.RollbackAsync();
        using var byDefault = new CancellationTokenSource();
        using var passed = new CancellationTokenSource(Soon);
        session.DefaultCancellationToken = byDefault.Token;
        error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await session.ScalarAsync(Db.Slow(LongQuerySeconds), cancellationToken: passed.Token));
        Assert.Equal(passed.Token, error.CancellationToken);
        Assert.False(byDefault.IsCancellationRequested);
        await session.RollbackAsync();
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_wait_for_a_pooled_connection_is_cancelled_by_the_default_token(bool async)
    {
        var exhausted = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(60) });
        await using var session = new SessionFace(exhausted, async);
        using var cancel = new CancellationTokenSource(Soon);
        session.Core.DefaultCancellationToken = cancel.Token;
        var held = await exhausted.ConnectAsync();

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Scalar(Select(Literal(1))));

        // Cancelled, not timed out: the pool waits 60 seconds before a PoolTimeoutException.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, WellBeforeItsEnd);
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(0, exhausted.Pool.Status.Waiting);
        await held.CloseAsync();
        session.Core.DefaultCancellationToken = CancellationToken.None;
        Assert.Equal(1L, Convert.ToInt64(await session.Scalar(Select(Literal(1))), System.Globalization.CultureInfo.InvariantCulture));
        await session.Close();
        Assert.Equal(0, exhausted.Pool.Status.CheckedOut);
    }
}

public sealed class SqliteSessionDefaultCancellationTests(DatabaseFixture<SqliteDatabase> fixture) : SessionDefaultCancellationTests<SqliteDatabase>(fixture);

public sealed class PostgresSessionDefaultCancellationTests(DatabaseFixture<PostgresDatabase> fixture) : SessionDefaultCancellationTests<PostgresDatabase>(fixture);
