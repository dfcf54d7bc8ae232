using System.Data.Common;

namespace Framework;

/// <summary>
/// Watches a statement's token while the statement runs, and when it is cancelled, stops the statement, and stops it again
/// for as long as it keeps running: at once where that is cheap (SQLite's interrupt), after
/// <see cref="Driver.CancelDelay"/> with the driver's cancel (Npgsql's cancel request), then every
/// <see cref="Driver.RecancelDelay"/>, doubling. A database can miss a cancel (PostgreSQL ignores a cancel request that
/// reaches the server before the query does; SQLite an interrupt that comes before the statement steps), and the statement
/// would run to its end. It gives up after a few seconds of that. Whatever the statement does, the call ends cancelled: its
/// caller looks at the token after it.
/// </summary>
/// <remarks>
/// Disposing it ends the watch and waits for a cancel in progress, so that no cancel meant for this statement can reach the
/// next one on the connection.
/// </remarks>
internal sealed class StatementCancellation : IDisposable
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    private readonly Driver _driver;
    private readonly DbConnection _connection;
    private readonly object _statement;
    private readonly Lock _gate = new();
    private CancellationTokenRegistration _registration;
    private Timer? _timer;
    private TimeSpan _wait;
    private bool _cancelSent;
    private bool _ended;

    private StatementCancellation(Driver driver, DbConnection connection, object statement)
    {
        _driver = driver;
        _connection = connection;
        _statement = statement;
    }

    /// <summary>
    /// Watches <paramref name="cancellationToken"/> for <paramref name="statement"/> (the <see cref="DbCommand"/> or
    /// <see cref="DbBatch"/> about to run, or whose reader is being read) on <paramref name="connection"/>; null when the token
    /// cannot be cancelled.
    /// </summary>
    public static StatementCancellation? Start(Driver driver, DbConnection connection, object statement, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
            return null;
        var watch = new StatementCancellation(driver, connection, statement);
        // A token already cancelled runs the callback here, before the statement starts: the interrupt may be lost, the timer is not.
        watch._registration = cancellationToken.UnsafeRegister(static state => ((StatementCancellation)state!).Cancelled(), watch);
        return watch;
    }

    private void Cancelled()
    {
        _driver.Interrupt(_connection);
        lock (_gate)
        {
            if (_ended)
                return;
            _wait = _driver.CancelDelay;
            using (ExecutionContext.SuppressFlow())
                _timer = new Timer(static state => ((StatementCancellation)state!).CancelAgain(), this, _wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void CancelAgain()
    {
        lock (_gate)
        {
            if (_ended)
                return;
            try
            {
                if (_cancelSent)
                    _driver.Recancel(_connection);
                else
                    _driver.Cancel(_connection, _statement);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // On a timer thread nothing may escape. The statement may have ended meanwhile (its command disposed on the way), or
                // the server be out of reach: the next attempt, or the statement's end, decides.
            }
            _wait = _cancelSent ? _wait * 2 : _driver.RecancelDelay;
            _cancelSent = true;
            // Past a few seconds, what still runs is left to the driver's own timeouts.
            if (_wait <= LongestWait)
                _timer!.Change(_wait, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        lock (_gate)
        {
            _ended = true;
            _timer?.Dispose();
        }
    }
}
