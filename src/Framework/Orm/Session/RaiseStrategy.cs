using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// Makes reading a relationship unloaded throw, even inside RunSyncAsync (SQLAlchemy's <c>raise</c>); as RaiseOnSql
/// (<c>raise_on_sql</c>), a many-to-one whose target the identity map holds is still served. One class, registered for both.
/// </summary>
internal sealed class RaiseStrategy(LazyStrategy lazy) : LoaderStrategy(lazy.ToString())
{
    public override LazyStrategy? Lazy => lazy;

    public override ValueTask<List<EntityState>> Apply(EntityLoader loader, List<EntityState> pending, MappedRelationship relationship, bool async,
        CancellationToken cancellationToken)
    {
        foreach (var state in pending)
            state.SetStrategy(relationship, lazy);
        return Nothing();
    }
}
