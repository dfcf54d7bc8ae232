namespace Framework;

/// <summary>A streaming result yielding each row as a <see cref="RowMapping"/>.</summary>
public sealed class AsyncMappingResult : AsyncResultBase<RowMapping>
{
    internal AsyncMappingResult(ResultCore core) : base(core)
    {
    }

    private protected override RowMapping Convert(Row row) => row.Mapping;

    /// <inheritdoc cref="MappingResult.Columns"/>
    public AsyncMappingResult Columns(params string[] names)
    {
        Core.Project(Core.Resolve(names));
        return this;
    }

    /// <inheritdoc cref="MappingResult.Unique"/>
    public AsyncMappingResult Unique()
    {
        Core.Unique();
        return this;
    }
}
