namespace Framework;

/// <summary>A streaming result yielding one column's values, converted to <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class AsyncScalarResult<T> : AsyncResultBase<T>
{
    internal AsyncScalarResult(ResultCore core) : base(core)
    {
    }

    private protected override T Convert(Row row) => row.Get<T>(0);

    /// <inheritdoc cref="ScalarResult{T}.Unique"/>
    public AsyncScalarResult<T> Unique()
    {
        Core.Unique();
        return this;
    }
}
