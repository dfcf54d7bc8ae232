namespace Framework;

/// <summary>
/// The streaming result of an ORM SELECT of <typeparamref name="T"/> (<c>StreamAsync</c>): each row holds one entity,
/// made as its row arrives from the open cursor. Iterate it with <c>await foreach</c> and dispose it
/// (<c>await using</c>); the session runs no other statement until then.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
public sealed class AsyncResult<T> : AsyncResultBase<Row>
{
    internal AsyncResult(ResultCore core) : base(core)
    {
    }

    private protected override Row Convert(Row row) => row;

    /// <summary>The entities.</summary>
    public AsyncScalarResult<T> Scalars() => new(Core);

    /// <summary>The first entity, or null; closes the result.</summary>
    public ValueTask<T?> ScalarAsync(CancellationToken cancellationToken = default) => Scalars().FirstAsync(cancellationToken);

    /// <summary>Exactly one entity; throws <see cref="NoResultException"/> or <see cref="MultipleResultsException"/> otherwise.</summary>
    public ValueTask<T> ScalarOneAsync(CancellationToken cancellationToken = default) => Scalars().OneAsync(cancellationToken);

    /// <summary>Drops rows holding an entity already returned.</summary>
    public AsyncResult<T> Unique()
    {
        Core.Unique();
        return this;
    }
}
