using Framework.Orm;
using Framework.Tests.Infrastructure;

namespace Framework.Tests.Orm;

/// <summary>ORM tests over the hand-mapped model: a fresh schema, and the SQL each test's session sends.</summary>
public abstract class OrmTestBase<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    protected async Task<(AsyncEngine Engine, List<string> Sql)> Setup(Framework.Sql.MetaData? metadata = null)
    {
        metadata ??= HandModel.MetaData;
        var engine = CreateEngine();
        var sql = new List<string>();
        engine.SyncEngine.Events.BeforeCursorExecute += e => sql.Add(e.Sql);
        await using (var conn = await engine.ConnectAsync())
        {
            await metadata.DropAllAsync(conn);
            await metadata.CreateAllAsync(conn);
            await conn.CommitAsync();
        }
        sql.Clear();
        return (engine, sql);
    }

    protected static OrmUser User(string name, string? note = null) => new() { Name = name, Note = note };
}

// One face of a session: the AsyncSession, or a standalone sync Session, behind the same calls.
internal sealed class SessionFace : IAsyncDisposable
{
    public readonly AsyncSession? Async;
    public readonly Session? Sync;

    public SessionFace(AsyncEngine engine, bool async, SessionOptions? options = null)
        : this(async ? new AsyncSession(engine, options) : null, async ? null : new Session(engine.SyncEngine, options))
    {
    }

    // A session bound to the caller's connection.
    public SessionFace(AsyncConnection connection, bool async, SessionOptions? options = null)
        : this(async ? new AsyncSession(connection, options) : null, async ? null : new Session(connection.SyncConnection, options))
    {
    }

    private SessionFace(AsyncSession? asyncSession, Session? syncSession)
    {
        Async = asyncSession;
        Sync = syncSession;
    }

    public Session Core => Async?.SyncSession ?? Sync!;

    public async Task Close()
    {
        if (Async is not null) await Async.CloseAsync(); else Sync!.Close();
    }

    public TransactionFace? GetTransaction() =>
        Async is not null ? Async.GetTransaction() is { } a ? new(a, null) : null : Sync!.GetTransaction() is { } s ? new(null, s) : null;

    public TransactionFace? GetNestedTransaction() =>
        Async is not null ? Async.GetNestedTransaction() is { } a ? new(a, null) : null : Sync!.GetNestedTransaction() is { } s ? new(null, s) : null;

    public bool InNestedTransaction => Async?.InNestedTransaction ?? Sync!.InNestedTransaction;

    public bool InTransaction => Async?.InTransaction ?? Sync!.InTransaction;

    public void Add(object o)
    {
        if (Async is not null) Async.Add(o); else Sync!.Add(o);
    }

    public async Task Flush()
    {
        if (Async is not null) await Async.FlushAsync(); else Sync!.Flush();
    }

    public async Task Commit()
    {
        if (Async is not null) await Async.CommitAsync(); else Sync!.Commit();
    }

    public async Task Rollback()
    {
        if (Async is not null) await Async.RollbackAsync(); else Sync!.Rollback();
    }

    public async Task Delete(object o)
    {
        if (Async is not null) await Async.DeleteAsync(o); else Sync!.Delete(o);
    }

    public async Task<T?> Get<T>(object id) where T : class, IMapped<T> =>
        Async is not null ? await Async.GetAsync<T>(id) : Sync!.Get<T>(id);

    public async Task<IReadOnlyList<T>> All<T>(Select<T> statement) where T : class, IMapped<T> =>
        Async is not null ? (await Async.ScalarsAsync(statement)).All() : Sync!.Scalars(statement).All();

    public async Task<object?> Scalar(Framework.Sql.Executable statement) =>
        Async is not null ? await Async.ScalarAsync(statement) : Sync!.Scalar(statement);

    public async Task Refresh(object o, IReadOnlyCollection<string>? names = null)
    {
        if (Async is not null) await Async.RefreshAsync(o, names); else Sync!.Refresh(o, names);
    }

    public async Task<T> Merge<T>(T o) where T : class, IMapped<T> => Async is not null ? await Async.MergeAsync(o) : Sync!.Merge(o);

    public void Expire(object o)
    {
        if (Async is not null) Async.Expire(o); else Sync!.Expire(o);
    }

    public bool IsModified(object o) => Async?.IsModified(o) ?? Sync!.IsModified(o);

    public IEnumerable<object> New => Async?.New ?? Sync!.New;

    public IEnumerable<object> Dirty => Async?.Dirty ?? Sync!.Dirty;

    public IEnumerable<object> Deleted => Async?.Deleted ?? Sync!.Deleted;

    public async Task<TransactionFace> Begin() =>
        new(Async is not null ? (await Async.BeginAsync()) : null, Async is null ? Sync!.Begin() : null);

    public async Task<TransactionFace> BeginNested() =>
        new(Async is not null ? (await Async.BeginNestedAsync()) : null, Async is null ? Sync!.BeginNested() : null);

    public async Task BeginNested(Action work)
    {
        if (Async is not null) await Async.BeginNestedAsync(() => { work(); return Task.CompletedTask; }); else Sync!.BeginNested(work);
    }

    public async Task<int> Execute<T>(Update<T> statement, SynchronizeSession synchronize) where T : class, IMapped<T> =>
        Async is not null ? (await Async.ExecuteAsync(statement, synchronize)).RowCount : Sync!.Execute(statement, synchronize).RowCount;

    public async Task<int> Execute<T>(Delete<T> statement, SynchronizeSession synchronize) where T : class, IMapped<T> =>
        Async is not null ? (await Async.ExecuteAsync(statement, synchronize)).RowCount : Sync!.Execute(statement, synchronize).RowCount;

    public bool Contains(object o) => Async?.Contains(o) ?? Sync!.Contains(o);

    public async ValueTask DisposeAsync()
    {
        if (Async is not null) await Async.DisposeAsync(); else Sync!.Dispose();
    }
}

// One face of a session transaction handle.
internal sealed class TransactionFace(AsyncSessionTransaction? async, SessionTransaction? sync) : IAsyncDisposable
{
    public bool IsActive => async?.IsActive ?? sync!.IsActive;

    public bool IsNested => async?.IsNested ?? sync!.IsNested;

    // The same handle, whichever face: what identity comparisons of handles compare.
    public SessionTransaction Handle => async?.SyncTransaction ?? sync!;

    public async Task Commit()
    {
        if (async is not null) await async.CommitAsync(); else sync!.Commit();
    }

    public async Task Rollback()
    {
        if (async is not null) await async.RollbackAsync(); else sync!.Rollback();
    }

    public async ValueTask DisposeAsync()
    {
        if (async is not null) await async.DisposeAsync(); else sync!.Dispose();
    }
}
