using System.Data.Common;
using System.Diagnostics;
using Framework.Diagnostics;
using Framework.Sql;

namespace Framework;

public sealed partial class Connection
{
    /// <summary>
    /// Runs a statement: the one implementation behind Execute, Stream, ExecuteAsync and StreamAsync.
    /// <paramref name="many"/> holds parameter sets for executemany; <paramref name="stream"/> leaves the cursor open.
    /// <paramref name="readRow"/>, for a buffered statement, is given the driver's reader on each row in place of a
    /// <see cref="Row"/> made of it (the ORM builds its entities so, as the rows arrive): the result then holds no rows.
    /// </summary>
    internal async ValueTask<Result> Execute(bool async, Executable statement, object? parameters, IReadOnlyList<object>? many,
        bool stream, CancellationToken cancellationToken, Action<DbDataReader>? readRow = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfClosed();
        // A session's default token (the request's RequestAborted in ASP.NET Core) stands in for a call that passed none.
        if (!cancellationToken.CanBeCanceled && StatementObserver is { } observer)
            cancellationToken = observer.DefaultCancellation;
        // A token cancelled before the call ends it before any work: no checkout, no BEGIN, no events.
        cancellationToken.ThrowIfCancellationRequested();
        Enter();
        try
        {
            ThrowIfStreaming();
            if (many is not null)
                statement.CheckParameterSets(many);
            var compiled = statement.CompileCached(_engine.Dialect, many is null ? parameters : many.Count > 0 ? many[0] : null);
            var events = _engine.Events;
            var global = Engine.AllEvents;
            ExecuteEventArgs? executeArgs = null;
            if (events.HasExecute || global.HasExecute)
            {
                executeArgs = new ExecuteEventArgs(this, statement, (object?)many ?? parameters);
                events.RaiseBeforeExecute(executeArgs);
                global.RaiseBeforeExecute(executeArgs);
            }

            // Parameters are checked before any I/O: a missing one begins no transaction.
            var binds = statement.BoundValues;
            var values = many is null ? ParameterValues.Collect(compiled, binds, parameters) : null;
            var pages = many is not null ? InsertManyValuesPages(statement, compiled, binds, many) : null;
            var sets = many is null || pages is not null ? null : ParameterValues.CollectMany(compiled, binds, many);
            var record = await Checkout(async, cancellationToken).ConfigureAwait(false);
            if (_transaction is null && !_autocommit)
                await BeginRoot(record, async, implicitly: true, cancellationToken).ConfigureAwait(false);
            if (_beginDeferred && (_rawHandedOut || !(compiled.ReadsOnly || _engine.Driver.ReadsOnly(record.DbConnection, compiled))))
                await SendDeferredBegin(record, async, cancellationToken).ConfigureAwait(false);

            var result = values is not null
                ? await Run(record, compiled, values, async, stream, statement is TextClause, cancellationToken, readRow).ConfigureAwait(false)
                : pages is not null
                    ? await RunInsertMany(record, pages, many!.Count, async, cancellationToken).ConfigureAwait(false)
                    : await RunMany(record, compiled, sets!, async, cancellationToken).ConfigureAwait(false);

            if (executeArgs is not null)
            {
                executeArgs.Result = result;
                try
                {
                    events.RaiseAfterExecute(executeArgs);
                    global.RaiseAfterExecute(executeArgs);
                }
                catch
                {
                    // The caller never gets this result: release its cursor rather than leave the connection streaming.
                    await result.Core.Close(async).ConfigureAwait(false);
                    throw;
                }
            }
            if (cancellationToken.IsCancellationRequested && !CommittedOnItsOwn(compiled))
                throw await CompletedButCancelled(result, compiled.Sql, values, async, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Whether the statement that just ran committed as it completed: in autocommit mode (no transaction in progress), anything
    /// but a plain SELECT. Like a COMMIT, once it has completed it is reported as completed, even if its token was cancelled
    /// meanwhile; an <see cref="OperationCanceledException"/> from it means it did not complete.
    /// </summary>
    private bool CommittedOnItsOwn(Compiled compiled) => _transaction is null && !compiled.ReadsOnly;

    /// <summary>
    /// The statement completed although its token was cancelled while it ran: the database missed the cancel (PostgreSQL ignores
    /// a cancel request that arrives before the query, SQLite an interrupt that comes before the statement steps), or it came
    /// after the end. The call still ends cancelled: an open cursor is stopped and released, and the transaction ends (see
    /// <see cref="Fail"/>), so that nothing the statement did is committed.
    /// </summary>
    private async ValueTask<Exception> CompletedButCancelled(Result result, string sql, object?[]? values, bool async, CancellationToken cancellationToken)
    {
        if (result.Core.Source is ReaderRowSource stream)
            await stream.Abandon(async).ConfigureAwait(false);
        return Fail(new OperationCanceledException($"The statement was cancelled: {sql}", cancellationToken), sql, values, cancellationToken);
    }

    private async ValueTask<Result> Run(ConnectionRecord record, Compiled compiled, object?[] values, bool async, bool stream, bool raw,
        CancellationToken cancellationToken, Action<DbDataReader>? readRow = null)
    {
        var driver = _engine.Driver;
        var command = record.DbConnection.CreateCommand();
        DbDataReader? reader = null;
        var operation = default(ClientOperation);
        RowSource source;
        CursorExecuteEventArgs? cursorArgs;
        var started = Stopwatch.GetTimestamp();
        // The watch outlives the statement's failure: a cursor released after a cancel is stopped again if the database missed it.
        var cancellation = StatementCancellation.Start(driver, record.DbConnection, command, cancellationToken);
        var driverToken = driver.StatementToken(cancellationToken);
        try
        {
            command.CommandText = compiled.Sql;
            command.Transaction = record.Transaction;
            var names = compiled.Names;
            for (var i = 0; i < values.Length; i++)
                driver.AddParameter(command.Parameters, i, names[i], values[i]);
            cursorArgs = BeforeCursorExecute(command, compiled.Sql, values, executeMany: false);
            LogStatement(compiled.Sql, values, raw ? "raw sql" : "compiled");
            operation = ClientOperation.Start(_engine.Telemetry, compiled.Telemetry, compiled.Sql);
            started = Stopwatch.GetTimestamp();
            reader = async
                ? await command.ExecuteReaderAsync(driverToken).ConfigureAwait(false)
                : command.ExecuteReader();
            var metadata = RowReader.Metadata(reader, compiled.LastColumns as ResultMetadata, compiled.ResultTypes);
            compiled.LastColumns = metadata;
            if (stream)
            {
                // The watch goes with the reader, which the statement's token keeps governing until it is closed.
                var streaming = new ReaderRowSource(this, command, reader, metadata, cancellationToken, cancellation);
                cancellation = null;
                _stream = streaming;
                source = streaming;
            }
            else
            {
                var rows = new List<Row>();
                if (metadata is not null)
                {
                    // Rows the driver has at hand are read without looking at the token: it is looked at here.
                    while (async ? await reader.ReadAsync(driverToken).ConfigureAwait(false) : reader.Read())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (readRow is null)
                            rows.Add(RowReader.Read(reader, metadata));
                        else
                            readRow(reader);
                    }
                }
                await Disposal.Dispose(reader, async).ConfigureAwait(false);
                source = new BufferedRowSource(metadata, rows, reader.RecordsAffected);
                await Disposal.Dispose(command, async).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // Translate first, while the connection's state still tells what happened; then release the driver objects. The watch
            // stops a statement cancelled while its rows were read, so that releasing the reader does not read them all.
            var translated = Fail(e, compiled.Sql, values, cancellationToken, started);
            operation.Failed(e);
            await DisposeQuietly(reader, command, async).ConfigureAwait(false);
            if (ReferenceEquals(translated, e))
                throw;
            throw translated;
        }
        finally
        {
            cancellation?.Dispose();
        }
        try
        {
            AfterCursorExecute(cursorArgs);
            // A handler that throws (a query budget exceeded) must not leave a cursor open that nobody will read.
            Ran(compiled, values, started, source.RowCount, executeMany: false);
        }
        catch
        {
            // The statement itself succeeded; what failed is the caller's handler.
            operation.Succeeded();
            await source.Close(async).ConfigureAwait(false);
            throw;
        }
        operation.Succeeded();
        return new Result(new ResultCore(source));
    }

    /// <summary>
    /// insertmanyvalues: an INSERT over many parameter sets goes out as multi-row <c>INSERT … VALUES (…), (…)</c>
    /// pages of <see cref="EngineOptions.InsertManyValuesPageSize"/> rows (1000 by default), each under the
    /// driver's parameter limit. Rows a RETURNING gives back come in the order of the parameter sets: each page is
    /// one plain VALUES list, which both databases insert, and return, in the order written.
    /// </summary>
    private List<(Compiled Compiled, object?[] Values)>? InsertManyValuesPages(Executable statement, Compiled single, BindParameter[] binds,
        IReadOnlyList<object> many)
    {
        var dialect = _engine.Dialect;
        if (statement is not Insert { Batchable: true } insert || many.Count < 2 || !dialect.SupportsMultiRowInsert || single.Names.Length == 0)
            return null;
        var pageSize = Math.Max(1, Math.Min(_engine.Options.InsertManyValuesPageSize ?? DefaultInsertManyValuesPageSize, dialect.MaxParameters / single.Names.Length));
        var pages = new List<(Compiled, object?[])>((many.Count + pageSize - 1) / pageSize);
        for (var offset = 0; offset < many.Count; offset += pageSize)
        {
            var compiled = insert.CompileCached(dialect, many[0], Math.Min(pageSize, many.Count - offset));
            pages.Add((compiled, ParameterValues.Collect(compiled, binds, many, offset)));
        }
        return pages;
    }

    private async ValueTask<Result> RunInsertMany(ConnectionRecord record, List<(Compiled Compiled, object?[] Values)> pages, int setCount, bool async,
        CancellationToken cancellationToken)
    {
        List<Row>? rows = null;
        ResultMetadata? metadata = null;
        var affected = 0;
        foreach (var (compiled, values) in pages)
        {
            var page = await Run(record, compiled, values, async, stream: false, raw: false, cancellationToken).ConfigureAwait(false);
            affected += page.RowCount;
            if (!page.ReturnsRows)
                continue;
            var pageRows = page.Core.TakeBuffered();
            metadata ??= pageRows.Count > 0 ? pageRows[0].Metadata : null;
            if (pages.Count == 1)
                rows = pageRows;
            else
            {
                // One list sized for a row per parameter set (what RETURNING gives back, short of ON CONFLICT DO NOTHING).
                rows ??= new List<Row>(setCount);
                rows.AddRange(pageRows);
            }
        }
        return new Result(new ResultCore(new BufferedRowSource(metadata, rows ?? [], affected)));
    }

    private const int DefaultInsertManyValuesPageSize = 1000;

    /// <summary>
    /// executemany: one batch round trip where the driver supports batches (Npgsql), else one prepared command
    /// re-bound per parameter set (SQLite, where each execution is an in-process call).
    /// </summary>
    private async ValueTask<Result> RunMany(ConnectionRecord record, Compiled compiled, object?[][] sets, bool async,
        CancellationToken cancellationToken)
    {
        var driver = _engine.Driver;
        var names = compiled.Names;
        var connection = record.DbConnection;
        var first = sets.Length > 0 ? sets[0] : [];
        var cursorArgs = BeforeCursorExecute(null, compiled.Sql, first, executeMany: true);
        if (_engine.Logger.IsEnabled(_engine.EchoLevel))
        {
            Log.Statement(_engine.Logger, _engine.EchoLevel, compiled.Sql);
            Log.ExecuteMany(_engine.Logger, _engine.EchoLevel, sets.Length, FormatParameters(first));
        }
        // Any number of parameter sets but one (none too) makes a batch operation, as OpenTelemetry counts them.
        var batched = sets.Length != 1;
        var operation = ClientOperation.Start(_engine.Telemetry, batched ? compiled.Telemetry.Batch : compiled.Telemetry, compiled.Sql,
            batched ? sets.Length : null);
        var started = Stopwatch.GetTimestamp();
        var affected = 0;
        object?[]? current = null;
        try
        {
            if (sets.Length > 0 && connection.CanCreateBatch)
            {
                var batch = connection.CreateBatch();
                await using var batchScope = batch.ConfigureAwait(false);
                batch.Transaction = record.Transaction;
                foreach (var set in sets)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = compiled.Sql;
                    for (var i = 0; i < set.Length; i++)
                        driver.AddParameter(command.Parameters, i, names[i], set[i]);
                    batch.BatchCommands.Add(command);
                }
                using (StatementCancellation.Start(driver, connection, batch, cancellationToken))
                {
                    affected = async
                        ? await batch.ExecuteNonQueryAsync(driver.StatementToken(cancellationToken)).ConfigureAwait(false)
                        : batch.ExecuteNonQuery();
                }
            }
            else
            {
                var command = connection.CreateCommand();
                await using var commandScope = command.ConfigureAwait(false);
                command.CommandText = compiled.Sql;
                command.Transaction = record.Transaction;
                using (StatementCancellation.Start(driver, connection, command, cancellationToken))
                {
                    foreach (var set in sets)
                    {
                        current = set;
                        command.Parameters.Clear();
                        for (var i = 0; i < set.Length; i++)
                            driver.AddParameter(command.Parameters, i, names[i], set[i]);
                        affected += async
                            ? await command.ExecuteNonQueryAsync(driver.StatementToken(cancellationToken)).ConfigureAwait(false)
                            : command.ExecuteNonQuery();
                    }
                }
            }
        }
        catch (Exception e)
        {
            var translated = Fail(e, compiled.Sql, current ?? first, cancellationToken, started);
            operation.Failed(e);
            if (ReferenceEquals(translated, e))
                throw;
            throw translated;
        }
        try
        {
            AfterCursorExecute(cursorArgs);
            Ran(compiled, first, started, affected, executeMany: true);
        }
        finally
        {
            // The statements themselves succeeded, whatever the caller's handlers do.
            operation.Succeeded();
        }
        return new Result(new ResultCore(new BufferedRowSource(null, [], affected)));
    }

    /// <summary>
    /// Decides what a failure means: raises HandleError, invalidates a lost connection, and returns the exception to
    /// throw (a Framework <see cref="DatabaseException"/>, an <see cref="OperationCanceledException"/>, or <paramref name="exception"/> itself).
    /// <paramref name="started"/> is the <see cref="Stopwatch"/> timestamp the failed operation began at (0 when unknown),
    /// so that an error about waiting for a lock can say how long it waited.
    /// </summary>
    internal Exception Fail(Exception exception, string? sql, object?[]? parameters, CancellationToken cancellationToken, long started = 0)
    {
        var driver = _engine.Driver;
        var connection = _record?.DbConnection;
        var disconnect = connection is not null && driver.IsDisconnect(exception, connection);
        var events = _engine.Events;
        var global = Engine.AllEvents;
        if (events.HasHandleError || global.HasHandleError)
        {
            var args = new ErrorEventArgs(this, exception, sql, disconnect);
            events.RaiseHandleError(args);
            global.RaiseHandleError(args);
            disconnect = args.IsDisconnect;
        }
        Log.StatementFailed(_engine.Logger, sql ?? "", exception);
        if (disconnect)
        {
            Log.ConnectionInvalidated(_engine.Logger, exception.Message);
            Discard(exception, allOlder: true);
        }
        else if (_transaction is not null && _record is { } record && driver.TransactionLost(record.DbConnection))
        {
            // SQLite rolls the whole transaction back when a write is interrupted: what the caller holds is gone.
            AbandonDriverTransaction(record);
            DeactivateTransactions();
        }

        if (cancellationToken.IsCancellationRequested && driver.IsCancellation(exception))
        {
            // A cancelled statement ends its transaction, whether the database stopped it (PostgreSQL then refuses all but a
            // rollback, SQLite may have undone the transaction) or it completed first (its work must not be committed by a
            // caller told it was cancelled). The caller's rollback sends the ROLLBACK; closing the connection does too.
            DeactivateTransactions();
            return exception is OperationCanceledException canceled && canceled.CancellationToken == cancellationToken
                ? exception
                : new OperationCanceledException(
                    $"The statement was cancelled{(disconnect ? " and its connection discarded" : "")}: {sql}", exception, cancellationToken);
        }
        if (exception is DbException db)
        {
            var show = _engine.Options.IncludeParametersInErrors && !_engine.Options.HideParameters;
            return driver.Translate(db, sql, show ? parameters : null, parametersHidden: !show && parameters is { Length: > 0 }, disconnect,
                waited: started == 0 ? null : Stopwatch.GetElapsedTime(started));
        }
        return exception;
    }

    /// <summary>A statement ran: its time goes to the observer a session set on this connection.</summary>
    private void Ran(Compiled compiled, object?[] values, long started, int rowCount, bool executeMany)
    {
        if (StatementObserver is { IsEnabled: true } observer)
            observer.Executed(new StatementEventArgs(this, compiled.Sql, values, Stopwatch.GetElapsedTime(started), compiled.CacheKey, rowCount, executeMany));
    }

    private CursorExecuteEventArgs? BeforeCursorExecute(DbCommand? command, string sql, object?[] values, bool executeMany)
    {
        var events = _engine.Events;
        var global = Engine.AllEvents;
        if (!events.HasCursorExecute && !global.HasCursorExecute)
            return null;
        var args = new CursorExecuteEventArgs(this, command, sql, values, executeMany);
        events.RaiseBeforeCursorExecute(args);
        global.RaiseBeforeCursorExecute(args);
        return args;
    }

    private void AfterCursorExecute(CursorExecuteEventArgs? args)
    {
        if (args is null)
            return;
        _engine.Events.RaiseAfterCursorExecute(args);
        Engine.AllEvents.RaiseAfterCursorExecute(args);
    }

    private void LogStatement(string sql, object?[] values, string origin)
    {
        var logger = _engine.Logger;
        if (!logger.IsEnabled(_engine.EchoLevel))
            return;
        Log.Statement(logger, _engine.EchoLevel, sql);
        Log.StatementParameters(logger, _engine.EchoLevel, origin, FormatParameters(values));
    }

    private string FormatParameters(object?[] values) =>
        _engine.Options.HideParameters ? "[parameters hidden]" : RowFormatter.Format(values);

    /// <summary>Releases a failed statement's reader and command; their own errors add nothing to the one being reported.</summary>
    private static async ValueTask DisposeQuietly(DbDataReader? reader, DbCommand command, bool async)
    {
        try
        {
            if (reader is not null)
                await Disposal.Dispose(reader, async).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException)
        {
            // The reader of a failed statement may not drain; the connection's fate was decided by Fail.
        }
        await Disposal.Dispose(command, async).ConfigureAwait(false);
    }
}
