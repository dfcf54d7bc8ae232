using System.Data.Common;

namespace Framework;

/// <summary>
/// Rows read one at a time from a driver reader that stays open on its connection until read to the end or closed. The
/// token the statement ran with still holds while its rows are read: its watch stays until the reader is closed, and once
/// it is cancelled, the next read throws <see cref="OperationCanceledException"/>, as does a read whose own token is.
/// </summary>
internal sealed class ReaderRowSource : RowSource
{
    private readonly Connection _owner;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly CancellationToken _statementToken;
    private readonly StatementCancellation? _watch;
    private bool _closed;

    public ReaderRowSource(Connection owner, DbCommand command, DbDataReader reader, ResultMetadata? metadata, CancellationToken statementToken,
        StatementCancellation? watch)
        : base(metadata, reader.RecordsAffected)
    {
        _owner = owner;
        _command = command;
        _reader = reader;
        _statementToken = statementToken;
        _watch = watch;
    }

    /// <summary>The driver's reader, on the row <see cref="Advance"/> moved to.</summary>
    public DbDataReader Reader => _reader;

    public override async ValueTask<Row?> Read(bool async, CancellationToken cancellationToken) =>
        await Advance(async, cancellationToken).ConfigureAwait(false) ? RowReader.Read(_reader, Metadata!) : null;

    /// <summary>Moves to the next row, for a caller that reads it from <see cref="Reader"/>; false at the end (the source is then closed).</summary>
    public async ValueTask<bool> Advance(bool async, CancellationToken cancellationToken)
    {
        if (_closed)
            return false;
        var driver = _owner.Driver;
        // A token of the read's own, not the statement's, is watched while the read lasts.
        using var readWatch = cancellationToken != _statementToken
            ? StatementCancellation.Start(driver, _command.Connection!, _command, cancellationToken)
            : null;
        bool more;
        try
        {
            // The driver hands out rows it has at hand without looking at a token: they are looked at before and after.
            ThrowIfCancelled(cancellationToken);
            more = async ? await _reader.ReadAsync(driver.StatementToken(cancellationToken)).ConfigureAwait(false) : _reader.Read();
            ThrowIfCancelled(cancellationToken);
        }
        catch (Exception e)
        {
            // Translate first, while the connection's state still tells what happened; then release the cursor, which the
            // watches stop if it was cancelled, so that closing it does not read the rest of its result.
            var token = cancellationToken.IsCancellationRequested ? cancellationToken : _statementToken;
            var translated = _owner.Fail(e, _command.CommandText, parameters: null, token);
            await Abandon(async).ConfigureAwait(false);
            if (ReferenceEquals(translated, e))
                throw;
            throw translated;
        }
        if (more)
            return true;
        await Close(async).ConfigureAwait(false);
        return false;
    }

    private void ThrowIfCancelled(CancellationToken readToken)
    {
        readToken.ThrowIfCancellationRequested();
        _statementToken.ThrowIfCancellationRequested();
    }

    /// <summary>Releases the cursor of a statement that failed or was cancelled; what closing it throws adds nothing to why.</summary>
    public async ValueTask Abandon(bool async)
    {
        try
        {
            await Close(async).ConfigureAwait(false);
        }
        catch (Exception closing) when (closing is DbException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // A cursor that failed or was stopped mid-read may not close cleanly; the error that ended the read is the one that matters.
        }
    }

    /// <summary>
    /// Asks the database to stop the statement, for a connection about to be discarded: closing a reader reads what is left of
    /// its rows (Npgsql does, to get the connection back to a known state), which for a large result would take as long as
    /// reading them.
    /// </summary>
    public void Interrupt()
    {
        if (_closed || _command.Connection is not { } connection)
            return;
        try
        {
            _owner.Driver.Cancel(connection, _command);
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // The server could not be reached to cancel: the connection is going anyway, and closing it ends the statement.
        }
    }

    public override async ValueTask Close(bool async)
    {
        if (_closed)
            return;
        _closed = true;
        try
        {
            try
            {
                await Disposal.Dispose(_reader, async).ConfigureAwait(false);
                RowCount = _reader.RecordsAffected;
            }
            finally
            {
                await Disposal.Dispose(_command, async).ConfigureAwait(false);
            }
        }
        finally
        {
            // Only now: a cancelled statement is stopped while closing its reader reads what is left of it (Npgsql).
            _watch?.Dispose();
            _owner.StreamClosed(this);
        }
    }
}

/// <summary>Reads the current row of a driver reader into a <see cref="Row"/>, with SQL NULL as null.</summary>
internal static class RowReader
{
    /// <summary>The reader's columns; <paramref name="last"/> when they are the same, so a repeated statement allocates none.</summary>
    public static ResultMetadata? Metadata(DbDataReader reader, ResultMetadata? last, Type?[]? declared)
    {
        var count = reader.FieldCount;
        if (count == 0)
            return null;
        if (last is not null && last.Count == count)
        {
            var same = true;
            for (var i = 0; i < count && same; i++)
                same = string.Equals(last.Keys[i], reader.GetName(i), StringComparison.Ordinal);
            if (same)
                return last;
        }
        var keys = new string[count];
        for (var i = 0; i < count; i++)
            keys[i] = reader.GetName(i);
        return new ResultMetadata(keys, Targets(reader, declared));
    }

    // A statement's typed columns convert as they are read (Column<int> on SQLite, which reads Int64). SQLite types
    // each value on its own, so the check is per value, not per column.
    private static Type?[]? Targets(DbDataReader reader, Type?[]? declared)
    {
        if (declared is null || declared.Length != reader.FieldCount)
            return null;
        Type?[]? targets = null;
        for (var i = 0; i < declared.Length; i++)
        {
            var target = declared[i] is { } type ? Nullable.GetUnderlyingType(type) ?? type : null;
            if (target is null || target == typeof(object))
                continue;
            targets ??= new Type?[declared.Length];
            targets[i] = target;
        }
        return targets;
    }

    public static Row Read(DbDataReader reader, ResultMetadata metadata)
    {
        var values = new object?[metadata.Count];
        reader.GetValues(values!);
        var targets = metadata.Targets;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is DBNull)
                values[i] = null;
            else if (targets?[i] is { } target && values[i]!.GetType() != target)
                values[i] = ValueConverter.ConvertTo(values[i]!, target, metadata.Keys[i]);
        }
        return new Row(metadata, values);
    }
}
