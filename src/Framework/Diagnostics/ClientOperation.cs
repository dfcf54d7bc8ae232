using System.Data.Common;
using System.Diagnostics;

namespace Framework.Diagnostics;

/// <summary>
/// One database operation (a statement, a COMMIT) as telemetry sees it: a client span when a listener samples it, and
/// its duration in <c>db.client.operation.duration</c> when a listener enabled that. When nobody listens it is the
/// default value: no span, no clock read, no allocation.
/// </summary>
internal readonly struct ClientOperation
{
    private readonly DatabaseTarget? _target;
    private readonly OperationNames? _names;
    private readonly Activity? _activity;
    private readonly long _started;

    private ClientOperation(DatabaseTarget target, OperationNames names, Activity? activity)
    {
        _target = target;
        _names = names;
        _activity = activity;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts the operation's telemetry; <paramref name="batchSize"/> for executemany (OpenTelemetry's batch operations).</summary>
    public static ClientOperation Start(DatabaseTarget target, OperationNames names, string? queryText, int? batchSize = null)
    {
        var activity = FrameworkActivitySource.Start(target, names, queryText, batchSize);
        return activity is null && !FrameworkMetrics.OperationDuration.Enabled ? default : new ClientOperation(target, names, activity);
    }

    public void Succeeded() => End(null, null);

    /// <summary>
    /// The operation failed with <paramref name="exception"/>, the driver's error. The error's type (<c>error.type</c>) is the
    /// database's code (PostgreSQL's SQLSTATE, SQLite's extended result code) when it gave one, else the driver's exception type:
    /// the conventions prefer the original error to any wrapper.
    /// </summary>
    public void Failed(Exception exception)
    {
        if (_target is null)
            return;
        // The database's error, even where the driver wraps it (Npgsql reports a cancelled statement as an
        // OperationCanceledException around PostgreSQL's query_canceled).
        var original = exception;
        while (original is not DbException && original.InnerException is { } inner)
            original = inner;
        var driverError = original as DbException;
        var code = driverError is null ? null : _target.ErrorCode(driverError);
        var errorType = code ?? ((Exception?)driverError ?? exception).GetType().FullName ?? "_OTHER";
        if (_activity is not null)
            FrameworkActivitySource.Failed(_activity, exception, errorType, code);
        End(errorType, code);
    }

    private void End(string? errorType, string? statusCode)
    {
        if (_target is null)
            return;
        _activity?.Stop();
        var duration = FrameworkMetrics.OperationDuration;
        if (!duration.Enabled)
            return;
        // The span's own duration where there is one, so that the two agree, as the conventions ask.
        var seconds = _activity?.Duration.TotalSeconds ?? Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var tags = _target.Tags(_names!.Operation, _names.Collection);
        if (errorType is not null)
            tags.Add("error.type", errorType);
        if (statusCode is not null)
            tags.Add("db.response.status_code", statusCode);
        duration.Record(seconds, in tags);
    }
}
