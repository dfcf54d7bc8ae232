namespace Framework;

/// <summary>
/// The result of an ORM SELECT of <typeparamref name="T"/>: each row holds one entity. <see cref="Scalars"/> yields
/// the entities themselves.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
public sealed class Result<T> : ResultBase<Row>
{
    private bool _requiresUnique;

    internal Result(ResultCore core, bool requiresUnique = false) : base(core) => _requiresUnique = requiresUnique;

    private protected override Row Convert(Row row) => row;

    /// <summary>The entities.</summary>
    public ScalarResult<T> Scalars()
    {
        if (_requiresUnique)
        {
            throw new InvalidOperationException(
                "The Unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections: " +
                "each parent comes once per related row. Call result.Unique().Scalars(), or load the collection with SelectInLoad.");
        }
        return new(Core);
    }

    /// <summary>The first entity, or null; closes the result.</summary>
    public T? Scalar() => Scalars().First();

    /// <summary>Exactly one entity; throws <see cref="NoResultException"/> or <see cref="MultipleResultsException"/> otherwise.</summary>
    public T ScalarOne() => Scalars().One();

    /// <summary>One entity or null; throws <see cref="MultipleResultsException"/> for more.</summary>
    public T? ScalarOneOrNone() => Scalars().OneOrNone();

    /// <summary>Drops rows holding an entity already returned.</summary>
    public Result<T> Unique()
    {
        _requiresUnique = false;
        Core.Unique();
        return this;
    }

    internal static Result<T> Of(List<object> entities, bool requiresUnique = false)
    {
        var metadata = new ResultMetadata([typeof(T).Name]);
        var rows = new List<Row>(entities.Count);
        foreach (var entity in entities)
            rows.Add(new Row(metadata, [entity]));
        return new Result<T>(new ResultCore(new BufferedRowSource(metadata, rows, rows.Count)), requiresUnique);
    }
}
