namespace Framework;

/// <summary>A result yielding one column's values, converted to <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ScalarResult<T> : ResultBase<T>
{
    internal ScalarResult(ResultCore core) : base(core)
    {
    }

    private protected override T Convert(Row row) => row.Get<T>(0);

    /// <summary>Drops values equal to one already returned.</summary>
    public ScalarResult<T> Unique()
    {
        Core.Unique();
        return this;
    }
}
