namespace Framework;

/// <summary>A streaming result yielding each row as a <see cref="RowMapping"/>.</summary>
public sealed class AsyncMappingResult : AsyncResultBase<RowMapping>
{
    internal AsyncMappingResult(ResultCore core) : base(core)
    {
    }

    private protected override RowMapping Convert(Row row) => row.Mapping;

    /// <summary>Restricts rows to these columns, by name.</summary>
    public AsyncMappingResult Columns(params string[] names)
    {
        Core.Project(Core.Resolve(names));
        return this;
    }

    /// <summary>Drops rows equal to one already returned.</summary>
    public AsyncMappingResult Unique()
    {
        Core.Unique();
        return this;
    }
}
