namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Counts what one engine does while it is observed, through its public events: physical connections opened and closed,
/// checkouts, driver commands sent, and transactions begun or ended.
/// </summary>
public sealed class EngineActivity : IDisposable
{
    private readonly EngineEvents _events;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _sql = new();
    private int _connects;
    private int _closes;
    private int _checkouts;
    private int _commands;
    private int _transactions;

    public EngineActivity(AsyncEngine engine)
    {
        _events = engine.SyncEngine.Events;
        _events.Connect += OnConnect;
        _events.Close += OnClose;
        _events.Checkout += OnCheckout;
        _events.BeforeCursorExecute += OnCommand;
        _events.Begin += OnTransaction;
        _events.Commit += OnTransaction;
        _events.Rollback += OnTransaction;
    }

    public int Connects => Volatile.Read(ref _connects);

    public int Closes => Volatile.Read(ref _closes);

    public int Checkouts => Volatile.Read(ref _checkouts);

    /// <summary>Driver commands sent (statements, whatever sent them).</summary>
    public int Commands => Volatile.Read(ref _commands);

    /// <summary>The SQL of the driver commands sent, in order.</summary>
    public IReadOnlyList<string> Sql => [.. _sql];

    /// <summary>Transactions begun, committed or rolled back.</summary>
    public int Transactions => Volatile.Read(ref _transactions);

    public void Dispose()
    {
        _events.Connect -= OnConnect;
        _events.Close -= OnClose;
        _events.Checkout -= OnCheckout;
        _events.BeforeCursorExecute -= OnCommand;
        _events.Begin -= OnTransaction;
        _events.Commit -= OnTransaction;
        _events.Rollback -= OnTransaction;
    }

    public override string ToString() =>
        $"{Connects} connect(s), {Closes} close(s), {Checkouts} checkout(s), {Commands} command(s), {Transactions} transaction event(s)";

    private void OnConnect(PoolEventArgs args) => Interlocked.Increment(ref _connects);

    private void OnClose(PoolEventArgs args) => Interlocked.Increment(ref _closes);

    private void OnCheckout(PoolEventArgs args) => Interlocked.Increment(ref _checkouts);

    private void OnCommand(CursorExecuteEventArgs args)
    {
        _sql.Enqueue(args.Sql);
        Interlocked.Increment(ref _commands);
    }

    private void OnTransaction(ConnectionEventArgs args) => Interlocked.Increment(ref _transactions);
}
