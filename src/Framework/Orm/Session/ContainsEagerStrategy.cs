using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// Fills a relationship from a table the statement joined itself (SQLAlchemy's <c>contains_eager</c>): an option only,
/// never a relationship's mapped strategy. Its rows are read with the query's, so nothing is left to load after it.
/// </summary>
internal sealed class ContainsEagerStrategy() : LoaderStrategy("ContainsEager")
{
    public override LazyStrategy? Lazy => null;

    public override bool JoinsQuery(MappedRelationship relationship, EntityMapper queried) => true;

    public override bool ReadsStatementJoin => true;

    public override bool RepeatsParentRows => true;

    public override ValueTask<List<EntityState>> Apply(EntityLoader loader, List<EntityState> pending, MappedRelationship relationship, bool async,
        CancellationToken cancellationToken) => Nothing();
}
