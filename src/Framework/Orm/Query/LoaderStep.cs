namespace Framework.Orm;

/// <summary>
/// One step of a loader path: an attribute of an entity and how to load it. A relationship step carries its
/// <see cref="LoaderStrategy"/>; a column step (Defer, Undefer, LoadOnly) says which columns the SELECT reads, which
/// is a choice of columns rather than a way of loading a relationship, so it stays a small enum of its own.
/// </summary>
internal sealed record LoaderStep(EntityMapper Mapper, MappedRelationship? Relationship, MappedColumn[] Columns, LoaderStrategy? Strategy,
    ColumnLoading ColumnLoading, bool InnerJoin)
{
    /// <summary>The option's name as a loader path prints it (SelectIn, Joined, Lazy, Defer, ...).</summary>
    public string Name => Strategy?.Name ?? ColumnLoading.ToString();
}

/// <summary>Which columns a column loader option makes the SELECT read.</summary>
internal enum ColumnLoading
{
    /// <summary>Not a column option (a relationship step).</summary>
    None,
    Defer,
    Undefer,
    LoadOnly,
}
