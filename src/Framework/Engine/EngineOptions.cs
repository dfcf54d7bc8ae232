using System.Data;
using Microsoft.Extensions.Logging;

namespace Framework;

/// <summary>Options of an engine and its pool, the counterparts of <c>create_engine()</c>'s keyword arguments.</summary>
public sealed record EngineOptions
{
    /// <summary>Log every statement, its parameters and each transaction step at Information level (category <c>Framework.Engine</c>).</summary>
    public bool Echo { get; set; }

    /// <summary>Log pool checkouts, checkins and connects at Information level (category <c>Framework.Pool</c>).</summary>
    public bool EchoPool { get; set; }

    /// <summary>Where logs go. When null and <see cref="Echo"/> is set, they are written to the console.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Never log parameter values, not even with <see cref="Echo"/>.</summary>
    public bool HideParameters { get; set; }

    /// <summary>Keep parameter values in <see cref="DatabaseException"/> and its message. Off by default: exceptions travel to logs and error pages.</summary>
    public bool IncludeParametersInErrors { get; set; }

    /// <summary>The pool implementation; null picks the dialect's default (<see cref="PoolClass.Static"/> for SQLite <c>:memory:</c>, else <see cref="PoolClass.Queue"/>).</summary>
    public PoolClass? PoolClass { get; set; }

    /// <summary>How many connections the pool keeps open (QueuePool). Default 5.</summary>
    public int PoolSize { get; set; } = 5;

    /// <summary>How many connections may be opened beyond <see cref="PoolSize"/> under load; closed again when returned. -1 for no limit. Default 10.</summary>
    public int MaxOverflow { get; set; } = 10;

    /// <summary>How long a checkout waits for a connection when the pool is exhausted before <see cref="PoolTimeoutException"/>. Default 30 s.</summary>
    public TimeSpan PoolTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Replace connections older than this at checkout; null (the default) never recycles.</summary>
    public TimeSpan? PoolRecycle { get; set; }

    /// <summary>Test each connection with a ping at checkout and replace it silently if it is dead.</summary>
    public bool PoolPrePing { get; set; }

    /// <summary>Hand out the most recently returned connection first (LIFO), letting idle ones age out; default FIFO.</summary>
    public bool PoolUseLifo { get; set; }

    /// <summary>The isolation level of every transaction this engine begins, unless a connection's execution options say otherwise.</summary>
    public IsolationLevel? IsolationLevel { get; set; }

    /// <summary>
    /// Run statements without an implicit transaction (SQLAlchemy's <c>isolation_level="AUTOCOMMIT"</c>): each statement
    /// commits on its own, and returning a read-only connection costs no ROLLBACK round trip. Explicit
    /// <c>BeginAsync</c> still opens a real transaction.
    /// </summary>
    public bool Autocommit { get; set; }

    /// <summary>
    /// Let a transaction's BEGIN wait for its first statement that does more than read (default true). Where every
    /// statement reads its own snapshot anyway (PostgreSQL at READ COMMITTED, its default), plain SELECTs before that run
    /// on their own and see exactly the rows they would see in the transaction; a transaction that only read then ends with
    /// no COMMIT or ROLLBACK round trip, which is what most web requests are. A write, a SELECT that locks rows (FOR UPDATE),
    /// calls a function other than a built-in aggregate or string function, or holds SQL text, a SAVEPOINT, and
    /// <c>GetRawConnection</c> send the BEGIN first. What differs from sending it first: the earlier reads hold no table
    /// locks, <c>now()</c> is the time of the BEGIN, a read that fails before it leaves the transaction usable, and echo
    /// logs BEGIN when it goes out. Set false to send BEGIN with the first statement. Other isolation levels always send
    /// BEGIN first. On SQLite (URL option <c>transaction_mode=auto</c>, the default) the deferred BEGIN is a BEGIN IMMEDIATE,
    /// which takes the write lock before the transaction writes; SQL text and functions count as reads there when SQLite
    /// finds that they only read.
    /// </summary>
    public bool DeferBegin { get; set; } = true;

    /// <summary>Batch size for executemany and insertmanyvalues; null uses the dialect's default.</summary>
    public int? InsertManyValuesPageSize { get; set; }

    /// <summary>A name for this engine in logs, metrics and traces; default the URL without its password.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Checks every option's range, as creating an engine does, and throws <see cref="ArgumentOutOfRangeException"/> whose
    /// <see cref="ArgumentException.ParamName"/> is the option's name. Hosts call it to fail at start instead of at first use.
    /// </summary>
    public void Validate()
    {
        if (PoolSize < 1)
            throw new ArgumentOutOfRangeException(nameof(PoolSize), PoolSize, "PoolSize must be at least 1; use PoolClass.Null for no pooling.");
        if (MaxOverflow < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxOverflow), MaxOverflow, "MaxOverflow must be -1 (no limit), 0 or more.");
        if (PoolTimeout < TimeSpan.Zero || PoolTimeout.TotalMilliseconds > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(PoolTimeout), PoolTimeout, "PoolTimeout must be from zero to 24 days.");
        if (PoolRecycle is { } recycle && recycle <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(PoolRecycle), recycle, "PoolRecycle must be positive, or null to never recycle.");
        if (InsertManyValuesPageSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(InsertManyValuesPageSize), InsertManyValuesPageSize, "InsertManyValuesPageSize must be at least 1.");
    }
}
