namespace Framework.Orm;

/// <summary>
/// A session's default loader options: per entity, the options every ORM SELECT (and Get) of it gets unless the statement
/// has its own for the same attribute (what an endpoint's eager-load policy sets on its request's session). A session
/// makes it when the first option is added.
/// </summary>
internal sealed class DefaultLoaders
{
    // Per entity: the loader options every ORM SELECT of it gets in this session, in the order they were added.
    private readonly Dictionary<EntityMapper, List<LoaderOption>> _defaultLoaders = [];

    /// <summary>Every default loader option of the session, grouped by the entity each starts from, in the order added within each.</summary>
    public IReadOnlyList<LoaderOption> All => [.. _defaultLoaders.Values.SelectMany(options => options)];

    /// <summary>Adds options, each a default of the entity it starts from.</summary>
    public void Add(IEnumerable<LoaderOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var option in options)
        {
            ArgumentNullException.ThrowIfNull(option, nameof(options));
            var mapper = option.Steps[0].Mapper;
            if (!_defaultLoaders.TryGetValue(mapper, out var list))
                _defaultLoaders[mapper] = list = [];
            list.Add(option);
        }
    }

    /// <summary>
    /// <paramref name="written"/> followed by the default options of <paramref name="mapper"/> that no written option
    /// overrides; only relationship options when <paramref name="columns"/> is false, only column ones when
    /// <paramref name="relationships"/> is false.
    /// </summary>
    public IReadOnlyList<LoaderOption> With(EntityMapper mapper, IReadOnlyList<LoaderOption> written, bool relationships, bool columns)
    {
        if (!_defaultLoaders.TryGetValue(mapper, out var defaults))
            return written;
        List<LoaderOption>? all = null;
        foreach (var option in defaults)
        {
            var isRelationship = option.Steps[0].Relationship is not null;
            if ((isRelationship ? relationships : columns) && !Overridden(option.Steps[0], written))
                (all ??= [.. written]).Add(option);
        }
        return all ?? written;
    }

    /// <summary>
    /// Whether a statement's own options decide what a default's first step would: the same relationship, or (for a
    /// column option) any of the same columns, or a LoadOnly, which chooses every column.
    /// </summary>
    private static bool Overridden(LoaderStep step, IReadOnlyList<LoaderOption> written)
    {
        foreach (var option in written)
        {
            var own = option.Steps[0];
            if (step.Relationship is not null
                ? ReferenceEquals(own.Relationship, step.Relationship)
                : own.Relationship is null && (own.ColumnLoading == ColumnLoading.LoadOnly || own.Columns.Intersect(step.Columns).Any()))
            {
                return true;
            }
        }
        return false;
    }
}
