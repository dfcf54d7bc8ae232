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

    /// <inheritdoc cref="Result.IsClosed"/>
    public bool IsClosed => Core.IsClosed;

    private protected override Row Convert(Row row) => row;

    /// <inheritdoc cref="Result.Scalar()"/>
    public async ValueTask<object?> ScalarAsync(CancellationToken cancellationToken = default) =>
        (await FirstAsync(cancellationToken).ConfigureAwait(false))?[0];

    /// <inheritdoc cref="Result.ScalarOne()"/>
    public async ValueTask<object?> ScalarOneAsync(CancellationToken cancellationToken = default) =>
        (await OneAsync(cancellationToken).ConfigureAwait(false))[0];

    /// <inheritdoc cref="Result.ScalarOneOrNone"/>
    public async ValueTask<object?> ScalarOneOrNoneAsync(CancellationToken cancellationToken = default) =>
        (await OneOrNoneAsync(cancellationToken).ConfigureAwait(false))?[0];

    /// <inheritdoc cref="Result.Scalars(int)"/>
    public AsyncScalarResult<object?> Scalars(int index = 0) => Scalars<object?>(index);

    /// <inheritdoc cref="Result.Scalars{T}(int)"/>
    public AsyncScalarResult<T> Scalars<T>(int index = 0)
    {
        Core.Project([index]);
        return new AsyncScalarResult<T>(Core);
    }

    /// <inheritdoc cref="Result.Mappings"/>
    public AsyncMappingResult Mappings() => new(Core);

    /// <inheritdoc cref="Result.Columns(int[])"/>
    public AsyncResult Columns(params int[] indexes)
    {
        Core.Project(indexes);
        return this;
    }

    /// <inheritdoc cref="Result.Columns(string[])"/>
    public AsyncResult Columns(params string[] names) => Columns(Core.Resolve(names));

    /// <inheritdoc cref="Result.Unique"/>
    public AsyncResult Unique()
    {
        Core.Unique();
        return this;
    }
}
