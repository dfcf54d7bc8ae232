using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// Loads a relationship when it is read (SQLAlchemy's <c>select</c>, the default): inside RunSyncAsync, with blocking
/// I/O; elsewhere reading it throws <see cref="LazyLoadException"/>. Named by an option, it undoes an eager default.
/// </summary>
internal sealed class LazySelectStrategy() : LoaderStrategy("Lazy")
{
    public override LazyStrategy? Lazy => LazyStrategy.Select;

    public override ValueTask<List<EntityState>> Apply(EntityLoader loader, List<EntityState> pending, MappedRelationship relationship, bool async,
        CancellationToken cancellationToken)
    {
        foreach (var state in pending)
            state.SetStrategy(relationship, LazyStrategy.Select);
        return Nothing();
    }
}
