using System.Data.Common;

namespace Framework;

/// <summary>Rows read one at a time from a driver reader that stays open on its connection until read to the end or closed.</summary>
internal sealed class ReaderRowSource : RowSource
{
    private readonly Connection _owner;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private bool _closed;

    public ReaderRowSource(Connection owner, DbCommand command, DbDataReader reader, ResultMetadata? metadata)
        : base(metadata, reader.RecordsAffected)
    {
        _owner = owner;
        _command = command;
        _reader = reader;
    }

    public override async ValueTask<Row?> Read(bool async, CancellationToken cancellationToken)
    {
        if (_closed)
            return null;
        bool more;
        try
        {
            using (_owner.Driver.RegisterCancellation(_command.Connection!, cancellationToken))
                more = async ? await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) : _reader.Read();
        }
        catch (Exception e)
        {
            // Translate first, while the connection's state still tells what happened; then release the cursor.
            var translated = _owner.Fail(e, _command.CommandText, parameters: null, cancellationToken, activity: null);
            try
            {
                await Close(async).ConfigureAwait(false);
            }
            catch (Exception closing) when (closing is DbException or IOException or InvalidOperationException)
            {
                // A cursor that failed mid-read may not close cleanly; the error above is the one that matters.
            }
            if (ReferenceEquals(translated, e))
                throw;
            throw translated;
        }
        if (more)
            return RowReader.Read(_reader, Metadata!);
        await Close(async).ConfigureAwait(false);
        return null;
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
