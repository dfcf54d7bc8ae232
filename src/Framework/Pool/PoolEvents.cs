namespace Framework;

/// <summary>
/// Pool events, SQLAlchemy's <c>PoolEvents</c>: handlers run synchronously on the flow that caused the event.
/// An engine's <see cref="EngineEvents"/> carries these too, so <c>engine.Events.Connect += ...</c> works.
/// </summary>
public class PoolEvents
{
    /// <summary>A new driver connection was opened (SQLAlchemy's <c>connect</c>).</summary>
    public event Action<PoolEventArgs>? Connect;

    /// <summary>A connection was taken from the pool.</summary>
    public event Action<PoolEventArgs>? Checkout;

    /// <summary>A connection went back to the pool (it may be closed right after, if the pool is full).</summary>
    public event Action<PoolEventArgs>? Checkin;

    /// <summary>A returned connection was reset: any transaction left open on it was rolled back.</summary>
    public event Action<PoolEventArgs>? Reset;

    /// <summary>A connection was found broken, or invalidated on request, and discarded.</summary>
    public event Action<PoolEventArgs>? Invalidate;

    /// <summary>A driver connection was closed.</summary>
    public event Action<PoolEventArgs>? Close;

    internal void Raise(PoolEventKind kind, PoolEventArgs args)
    {
        var handler = kind switch
        {
            PoolEventKind.Connect => Connect,
            PoolEventKind.Checkout => Checkout,
            PoolEventKind.Checkin => Checkin,
            PoolEventKind.Reset => Reset,
            PoolEventKind.Invalidate => Invalidate,
            _ => Close,
        };
        handler?.Invoke(args);
    }

    internal bool Has(PoolEventKind kind) => kind switch
    {
        PoolEventKind.Connect => Connect is not null,
        PoolEventKind.Checkout => Checkout is not null,
        PoolEventKind.Checkin => Checkin is not null,
        PoolEventKind.Reset => Reset is not null,
        PoolEventKind.Invalidate => Invalidate is not null,
        _ => Close is not null,
    };
}

internal enum PoolEventKind
{
    Connect,
    Checkout,
    Checkin,
    Reset,
    Invalidate,
    Close,
}
