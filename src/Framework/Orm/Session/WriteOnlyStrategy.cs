using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// A write-only collection (SQLAlchemy's <c>write_only</c>): never loaded; it adds and removes, and builds statements
/// that read it. No loader option may name it, so a query never applies it.
/// </summary>
internal sealed class WriteOnlyStrategy() : LoaderStrategy(nameof(LazyStrategy.WriteOnly))
{
    public override LazyStrategy? Lazy => LazyStrategy.WriteOnly;

    protected override bool LoadsNothing => true;

    public override ValueTask<List<EntityState>> Apply(EntityLoader loader, List<EntityState> pending, MappedRelationship relationship, bool async,
        CancellationToken cancellationToken) => Nothing();
}
