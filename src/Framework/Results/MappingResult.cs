namespace Framework;

/// <summary>A result yielding each row as a <see cref="RowMapping"/>, a dictionary by column name.</summary>
public sealed class MappingResult : ResultBase<RowMapping>
{
    internal MappingResult(ResultCore core) : base(core)
    {
    }

    private protected override RowMapping Convert(Row row) => row.Mapping;

    /// <summary>Restricts rows to these columns, by name.</summary>
    public MappingResult Columns(params string[] names)
    {
        Core.Project(Core.Resolve(names));
        return this;
    }

    /// <summary>Drops rows equal to one already returned.</summary>
    public MappingResult Unique()
    {
        Core.Unique();
        return this;
    }
}
