namespace Framework;

/// <summary>Where a result's rows come from: a buffered list, or a driver reader still open on its connection.</summary>
internal abstract class RowSource
{
    protected RowSource(ResultMetadata? metadata, int rowCount)
    {
        Metadata = metadata;
        RowCount = rowCount;
    }

    /// <summary>The columns, or null when the statement returns no rows.</summary>
    public ResultMetadata? Metadata { get; }

    public int RowCount { get; protected set; }

    /// <summary>How many rows are left to read, when the source knows (a buffered list); null for an open cursor.</summary>
    public virtual int? Remaining => null;

    /// <summary>The next row, or null at the end (after which the source has closed itself).</summary>
    public abstract ValueTask<Row?> Read(bool async, CancellationToken cancellationToken);

    public abstract ValueTask Close(bool async);
}

internal sealed class BufferedRowSource(ResultMetadata? metadata, List<Row> rows, int rowCount) : RowSource(metadata, rowCount)
{
    private int _position;

    public List<Row> Rows => rows;

    public override int? Remaining => rows.Count - _position;

    public override ValueTask<Row?> Read(bool async, CancellationToken cancellationToken) =>
        new(_position < rows.Count ? rows[_position++] : null);

    public override ValueTask Close(bool async)
    {
        _position = rows.Count;
        return default;
    }
}
