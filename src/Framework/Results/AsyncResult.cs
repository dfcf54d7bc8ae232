namespace Framework;

/// <summary>
/// A streaming result over a cursor still open on its connection (<c>StreamAsync</c>): rows are read as they
/// arrive. Iterate it with <c>await foreach</c> and dispose it (<c>await using</c>); the connection runs no other
/// statement until then.
/// </summary>
public sealed class AsyncResult : AsyncResultBase<Row>
{
    internal AsyncResult(ResultCore core) : base(core)
    {
    }

    /// <summary>Rows the statement changed, known once the cursor is read to the end.</summary>
    public int RowCount => Core.RowCount;

    /// <summary>Whether the statement returns rows.</summary>
    public bool ReturnsRows => Core.ReturnsRows;

    /// <summary>Whether the result is closed.</summary>
    public bool IsClosed => Core.IsClosed;

    private protected override Row Convert(Row row) => row;

    /// <summary>The first column of the first row, or null; closes the result.</summary>
    public async ValueTask<object?> ScalarAsync(CancellationToken cancellationToken = default) =>
        (await FirstAsync(cancellationToken).ConfigureAwait(false))?[0];

    /// <summary>The first column of exactly one row.</summary>
    public async ValueTask<object?> ScalarOneAsync(CancellationToken cancellationToken = default) =>
        (await OneAsync(cancellationToken).ConfigureAwait(false))[0];

    /// <summary>The first column of at most one row, or null.</summary>
    public async ValueTask<object?> ScalarOneOrNoneAsync(CancellationToken cancellationToken = default) =>
        (await OneOrNoneAsync(cancellationToken).ConfigureAwait(false))?[0];

    /// <summary>A view yielding one column's values.</summary>
    public AsyncScalarResult<object?> Scalars(int index = 0) => Scalars<object?>(index);

    /// <summary>A view yielding one column's values converted to <typeparamref name="T"/>.</summary>
    public AsyncScalarResult<T> Scalars<T>(int index = 0)
    {
        Core.Project([index]);
        return new AsyncScalarResult<T>(Core);
    }

    /// <summary>A view yielding each row as a dictionary by column name.</summary>
    public AsyncMappingResult Mappings() => new(Core);

    /// <summary>Restricts rows to these columns, in this order.</summary>
    public AsyncResult Columns(params int[] indexes)
    {
        Core.Project(indexes);
        return this;
    }

    /// <summary>Restricts rows to these columns, by name.</summary>
    public AsyncResult Columns(params string[] names) => Columns(Core.Resolve(names));

    /// <summary>Drops rows equal to one already returned.</summary>
    public AsyncResult Unique()
    {
        Core.Unique();
        return this;
    }
}
