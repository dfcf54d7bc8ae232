using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>Loads a relationship as each instance loads, by a SELECT per instance (SQLAlchemy's <c>immediate</c>).</summary>
internal sealed class ImmediateStrategy() : LoaderStrategy(nameof(LazyStrategy.Immediate))
{
    public override LazyStrategy? Lazy => LazyStrategy.Immediate;

    public override bool LoadsWithQuery => true;

    public override async ValueTask<List<EntityState>> Apply(EntityLoader loader, List<EntityState> pending, MappedRelationship relationship, bool async,
        CancellationToken cancellationToken)
    {
        var loaded = new List<EntityState>();
        foreach (var state in pending)
            loaded.AddRange(await SelectInStrategy.Load(loader, [state], relationship, async, cancellationToken).ConfigureAwait(false));
        return loaded;
    }
}
