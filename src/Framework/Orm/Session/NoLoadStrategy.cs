using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>Never loads a relationship: it reads as empty (or null) unless set in memory (SQLAlchemy's <c>noload</c>).</summary>
internal sealed class NoLoadStrategy() : LoaderStrategy(nameof(LazyStrategy.NoLoad))
{
    public override LazyStrategy? Lazy => LazyStrategy.NoLoad;

    protected override bool LoadsNothing => true;

    public override ValueTask<List<EntityState>> Apply(EntityLoader loader, List<EntityState> pending, MappedRelationship relationship, bool async,
        CancellationToken cancellationToken)
    {
        foreach (var state in pending)
            EntityLoader.Fill(state, relationship, []);
        return Nothing();
    }
}
