namespace Framework;

/// <summary>
/// The result of a statement, read synchronously: buffered when it comes from <c>ExecuteAsync</c>, or over an
/// open cursor from the sync <c>Connection.Stream</c>. Yields <see cref="Row"/>s; <see cref="Scalars(int)"/>,
/// <see cref="Mappings"/> and <see cref="Columns(int[])"/> give other views of the same rows.
/// </summary>
public sealed class Result : ResultBase<Row>
{
    internal Result(ResultCore core) : base(core)
    {
    }

    /// <summary>Rows the statement inserted, updated or deleted (-1 when the driver does not say).</summary>
    public int RowCount => Core.RowCount;

    /// <summary>Whether the statement returns rows (a SELECT, or DML with RETURNING).</summary>
    public bool ReturnsRows => Core.ReturnsRows;

    /// <summary>Whether the result is closed.</summary>
    public bool IsClosed => Core.IsClosed;

    private protected override Row Convert(Row row) => row;

    /// <summary>The first column of the first row, or null; closes the result.</summary>
    public object? Scalar() => First()?[0];

    /// <summary>The first column of the first row converted to <typeparamref name="T"/>; default when there is no row.</summary>
    public T? Scalar<T>() => First() is { } row ? row.Get<T>(0) : default;

    /// <summary>The first column of exactly one row.</summary>
    public object? ScalarOne() => One()[0];

    /// <summary>The first column of exactly one row, converted to <typeparamref name="T"/>.</summary>
    public T ScalarOne<T>() => One().Get<T>(0);

    /// <summary>The first column of at most one row, or null.</summary>
    public object? ScalarOneOrNone() => OneOrNone()?[0];

    /// <summary>A view yielding one column's values.</summary>
    public ScalarResult<object?> Scalars(int index = 0) => Scalars<object?>(index);

    /// <summary>A view yielding one column's values converted to <typeparamref name="T"/>.</summary>
    public ScalarResult<T> Scalars<T>(int index = 0)
    {
        Core.Project([index]);
        return new ScalarResult<T>(Core);
    }

    /// <summary>A view yielding each row as a dictionary by column name.</summary>
    public MappingResult Mappings() => new(Core);

    /// <summary>Restricts rows to these columns, in this order.</summary>
    public Result Columns(params int[] indexes)
    {
        Core.Project(indexes);
        return this;
    }

    /// <summary>Restricts rows to these columns, by name.</summary>
    public Result Columns(params string[] names) => Columns(Core.Resolve(names));

    /// <summary>Drops rows equal to one already returned.</summary>
    public Result Unique()
    {
        Core.Unique();
        return this;
    }
}
